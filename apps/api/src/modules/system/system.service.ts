import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { APP_RUNTIME, type AppRuntime } from '../../common/runtime';
import type { SystemInfoDto } from './dto/system-info.dto';
import { AppSettingEntity } from './entities/app-setting.entity';

const INSTANCE_ID_KEY = 'instance.id';

@Injectable()
export class SystemService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(AppSettingEntity) private readonly settings: Repository<AppSettingEntity>,
    private readonly dataSource: DataSource,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
  ) {}

  /** Every installation gets a stable id on first start (exports and logs name it). */
  async onApplicationBootstrap(): Promise<void> {
    await this.settings
      .createQueryBuilder()
      .insert()
      .values({ key: INSTANCE_ID_KEY, value: randomUUID() })
      .orIgnore()
      .execute();
  }

  /** An instance-wide setting (JSON), or undefined when never set. */
  async setting<T>(key: string): Promise<T | undefined> {
    const row = await this.settings.findOneBy({ key });
    return row ? (row.value as T) : undefined;
  }

  async saveSetting(key: string, value: unknown): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  async info(): Promise<SystemInfoDto> {
    const [instance, [migration], [server]] = await Promise.all([
      this.settings.findOneByOrFail({ key: INSTANCE_ID_KEY }),
      this.dataSource.query<{ name: string }[]>(
        `SELECT name FROM typeorm_migrations ORDER BY "timestamp" DESC, id DESC LIMIT 1`,
      ),
      this.dataSource.query<{ server_version: string }[]>('SHOW server_version'),
    ]);
    return {
      name: 'Disclosure Atlas',
      version: this.runtime.version,
      instanceId: String(instance.value),
      startedAt: this.runtime.startedAt.toISOString(),
      schemaVersion: migration?.name ?? null,
      database: { embedded: this.runtime.embeddedDatabase, serverVersion: server?.server_version ?? '' },
    };
  }
}
