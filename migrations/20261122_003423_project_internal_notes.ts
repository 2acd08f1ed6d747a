import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "projects" ADD COLUMN "internal_notes" varchar;
  ALTER TABLE "_projects_v" ADD COLUMN "version_internal_notes" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "projects" DROP COLUMN "internal_notes";
  ALTER TABLE "_projects_v" DROP COLUMN "version_internal_notes";`)
}
