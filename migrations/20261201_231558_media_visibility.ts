import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { backfillMediaVisibility } from '../src/media/backfillMediaVisibility'

/**
 * Media visibility (src/media): the `public` checkbox and the `used_by_published` flag on media, the
 * hidden `mediaRefs` of projects, blog posts and skills (the `media_id` rel columns), and a one-off
 * backfill of both from the content already there.
 */

export async function up({ db, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "skills_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer
  );
  
  ALTER TABLE "projects_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "_projects_v_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "blog_posts_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "_blog_posts_v_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "media" ADD COLUMN "public" boolean DEFAULT false;
  ALTER TABLE "media" ADD COLUMN "used_by_published" boolean DEFAULT false;
  ALTER TABLE "skills_rels" ADD CONSTRAINT "skills_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "skills_rels" ADD CONSTRAINT "skills_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "skills_rels_order_idx" ON "skills_rels" USING btree ("order");
  CREATE INDEX "skills_rels_parent_idx" ON "skills_rels" USING btree ("parent_id");
  CREATE INDEX "skills_rels_path_idx" ON "skills_rels" USING btree ("path");
  CREATE INDEX "skills_rels_media_id_idx" ON "skills_rels" USING btree ("media_id");
  ALTER TABLE "projects_rels" ADD CONSTRAINT "projects_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_projects_v_rels" ADD CONSTRAINT "_projects_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "blog_posts_rels" ADD CONSTRAINT "blog_posts_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_blog_posts_v_rels" ADD CONSTRAINT "_blog_posts_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "projects_rels_media_id_idx" ON "projects_rels" USING btree ("media_id");
  CREATE INDEX "_projects_v_rels_media_id_idx" ON "_projects_v_rels" USING btree ("media_id");
  CREATE INDEX "blog_posts_rels_media_id_idx" ON "blog_posts_rels" USING btree ("media_id");
  CREATE INDEX "_blog_posts_v_rels_media_id_idx" ON "_blog_posts_v_rels" USING btree ("media_id");
  CREATE INDEX "media_public_idx" ON "media" USING btree ("public");
  CREATE INDEX "media_used_by_published_idx" ON "media" USING btree ("used_by_published");`)
  await backfillMediaVisibility(req)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "skills_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "skills_rels" CASCADE;
  ALTER TABLE "projects_rels" DROP CONSTRAINT "projects_rels_media_fk";
  
  ALTER TABLE "_projects_v_rels" DROP CONSTRAINT "_projects_v_rels_media_fk";
  
  ALTER TABLE "blog_posts_rels" DROP CONSTRAINT "blog_posts_rels_media_fk";
  
  ALTER TABLE "_blog_posts_v_rels" DROP CONSTRAINT "_blog_posts_v_rels_media_fk";
  
  DROP INDEX "projects_rels_media_id_idx";
  DROP INDEX "_projects_v_rels_media_id_idx";
  DROP INDEX "blog_posts_rels_media_id_idx";
  DROP INDEX "_blog_posts_v_rels_media_id_idx";
  DROP INDEX "media_public_idx";
  DROP INDEX "media_used_by_published_idx";
  ALTER TABLE "projects_rels" DROP COLUMN "media_id";
  ALTER TABLE "_projects_v_rels" DROP COLUMN "media_id";
  ALTER TABLE "blog_posts_rels" DROP COLUMN "media_id";
  ALTER TABLE "_blog_posts_v_rels" DROP COLUMN "media_id";
  ALTER TABLE "media" DROP COLUMN "public";
  ALTER TABLE "media" DROP COLUMN "used_by_published";`)
}
