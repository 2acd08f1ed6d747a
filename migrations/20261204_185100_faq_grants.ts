import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/*
 * Roles made before the FAQ existed get the same grants on it as they hold on blog posts
 * (the seeded editor, author and viewer roles, and any an admin made), so an upgrade leaves nobody
 * unable to work with it. A new enum value cannot be used in the transaction that added it, hence
 * a migration of its own. Roles that already name faq are left alone.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  WITH source AS (
    SELECT p.*, md5(random()::text || p.id) AS new_id,
      (SELECT coalesce(max(o._order), 0) FROM "roles_permissions" o WHERE o._parent_id = p._parent_id) AS last_order,
      row_number() OVER (PARTITION BY p._parent_id ORDER BY p._order) AS n
    FROM "roles_permissions" p
    WHERE p.resource = 'blog-posts'
      AND NOT EXISTS (SELECT 1 FROM "roles_permissions" d WHERE d._parent_id = p._parent_id AND d.resource = 'faq')
  ), inserted AS (
    INSERT INTO "roles_permissions" ("_order", "_parent_id", "id", "resource", "scope")
    SELECT last_order + n, _parent_id, substr(new_id, 1, 24), 'faq', scope FROM source
    RETURNING id
  )
  INSERT INTO "roles_permissions_actions" ("order", "parent_id", "value")
  SELECT a."order", substr(s.new_id, 1, 24), a.value
  FROM source s JOIN "roles_permissions_actions" a ON a.parent_id = s.id
  WHERE substr(s.new_id, 1, 24) IN (SELECT id FROM inserted)`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DELETE FROM "roles_permissions" WHERE "resource" = 'faq'`)
}
