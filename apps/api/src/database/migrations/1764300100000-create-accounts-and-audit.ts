import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountsAndAudit1764300100000 implements MigrationInterface {
  name = 'CreateAccountsAndAudit1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_user (
        id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
        username            text        NOT NULL,
        display_name        text        NOT NULL,
        password_hash       text        NOT NULL,
        role                text        NOT NULL,
        agency_id           uuid        NULL,
        disabled            boolean     NOT NULL DEFAULT false,
        failed_logins       integer     NOT NULL DEFAULT 0,
        locked_until        timestamptz NULL,
        token_version       integer     NOT NULL DEFAULT 0,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        last_login_at       timestamptz NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_app_user PRIMARY KEY (id),
        CONSTRAINT ck_app_user_role CHECK (role IN ('admin', 'oversight', 'uploader')),
        -- An uploader always reports for exactly one agency; other roles for none.
        CONSTRAINT ck_app_user_agency CHECK ((role = 'uploader') = (agency_id IS NOT NULL)),
        CONSTRAINT fk_app_user_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE RESTRICT
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_app_user_username ON app_user (lower(username))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_app_user_agency ON app_user (agency_id) WHERE agency_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE user_scope (
        user_id   uuid NOT NULL,
        agency_id uuid NOT NULL,
        CONSTRAINT pk_user_scope PRIMARY KEY (user_id, agency_id),
        CONSTRAINT fk_user_scope_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_user_scope_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE RESTRICT
      )
    `);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id          bigint      GENERATED ALWAYS AS IDENTITY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid        NULL,
        actor_name  text        NULL,
        address     text        NULL,
        action      text        NOT NULL,
        target_type text        NULL,
        target_id   text        NULL,
        details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )
    `);
    await queryRunner.query(`CREATE INDEX idx_audit_log_at ON audit_log (at DESC)`);
    await queryRunner.query(`CREATE INDEX idx_audit_log_actor ON audit_log (actor_id, at DESC)`);
    await queryRunner.query(
      `CREATE INDEX idx_audit_log_target ON audit_log (target_type, target_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP TABLE user_scope');
    await queryRunner.query('DROP TABLE app_user');
  }
}
