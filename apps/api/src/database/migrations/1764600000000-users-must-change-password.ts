import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password an admin chose (a new account, a reset) is the user's only until their first
 * sign-in: they must pick their own before anything else. Existing accounts are not asked.
 */
export class UsersMustChangePassword1764600000000 implements MigrationInterface {
  name = 'UsersMustChangePassword1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE app_user DROP COLUMN must_change_password');
  }
}
