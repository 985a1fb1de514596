import type { EntityManager } from 'typeorm';

/**
 * Loads an emptied table without its plain indexes, then builds them again from their own
 * definitions: a sort per index rather than an index entry per row (the ranked values of
 * 100,000 reports took 85 s to insert with their indexes, 43 s without them and building them
 * after). Indexes behind a constraint stay: writes rely on them (ON CONFLICT). The table is
 * held exclusively until the transaction ends.
 */
export async function loadWithoutIndexes<T>(
  manager: EntityManager,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await manager.query<{ name: string; definition: string }[]>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
    [table],
  );
  for (const index of indexes)
    await manager.query(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  const loaded = await load();
  // The sorts of the index builds in memory rather than on disk.
  await manager.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const index of indexes) await manager.query(index.definition);
  return loaded;
}
