import type { DataSource, Repository } from 'typeorm';
import type { AppConfig, AppRuntime } from '../../common/runtime';
import { loadConfig } from '../../config/app-config';
import type { AuditService } from '../audit';
import type { UserEntity } from './entities/user.entity';
import { verifyPassword } from './password';
import { DEMO_ADMIN, UsersService } from './users.service';

function serviceWith(options: { admins: number; adminPassword?: string; embedded: boolean }) {
  const inserted: Partial<UserEntity>[] = [];
  const users = {
    countBy: jest.fn().mockResolvedValue(options.admins),
    insert: jest.fn((row: Partial<UserEntity>) => {
      inserted.push(row);
      return Promise.resolve();
    }),
  } as unknown as Repository<UserEntity>;
  const config: AppConfig = { ...loadConfig({}, '/x'), adminPassword: options.adminPassword };
  const runtime: AppRuntime = {
    version: '0',
    startedAt: new Date(),
    embeddedDatabase: options.embedded,
  };
  const service = new UsersService(users, {} as DataSource, {} as AuditService, config, runtime);
  return { service, inserted };
}

describe('the first admin', () => {
  it('is admin / atlas-demo on the embedded demo database', async () => {
    const { service, inserted } = serviceWith({ admins: 0, embedded: true });
    await service.onApplicationBootstrap();
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({ username: DEMO_ADMIN.username, role: 'admin' });
    expect(await verifyPassword(inserted[0]?.passwordHash ?? '', DEMO_ADMIN.password)).toBe(true);
  });

  it('takes ATLAS_ADMIN_PASSWORD on an external database', async () => {
    const { service, inserted } = serviceWith({
      admins: 0,
      embedded: false,
      adminPassword: 'from-the-env-1',
    });
    await service.onApplicationBootstrap();
    expect(await verifyPassword(inserted[0]?.passwordHash ?? '', 'from-the-env-1')).toBe(true);
  });

  it('refuses to start on an external database without ATLAS_ADMIN_PASSWORD while no admin exists', async () => {
    const { service } = serviceWith({ admins: 0, embedded: false });
    await expect(service.onApplicationBootstrap()).rejects.toThrow('ATLAS_ADMIN_PASSWORD');
  });

  it('does nothing once an admin exists', async () => {
    const { service, inserted } = serviceWith({ admins: 1, embedded: false });
    await service.onApplicationBootstrap();
    expect(inserted).toEqual([]);
  });
});
