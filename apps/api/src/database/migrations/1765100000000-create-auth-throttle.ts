import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of the auth module's rate limits: login attempts per account name, per known device,
 * per client address and overall, and uploads per account. Kept in PostgreSQL so that every API
 * replica counts against the same numbers (an in-memory counter per process would multiply
 * each limit by the number of replicas). A row is one counter, changed by one atomic statement.
 */
export class CreateAuthThrottle1765100000000 implements MigrationInterface {
  name = 'CreateAuthThrottle1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE auth_throttle (
        key           text        NOT NULL,
        hits          integer     NOT NULL,
        expires_at    timestamptz NOT NULL,
        blocked_until timestamptz NULL,
        CONSTRAINT pk_auth_throttle PRIMARY KEY (key),
        CONSTRAINT ck_auth_throttle_hits CHECK (hits >= 0)
      )
    `);
    // Counters whose window and block are over are swept now and then.
    await queryRunner.query('CREATE INDEX idx_auth_throttle_expires ON auth_throttle (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE auth_throttle');
  }
}
