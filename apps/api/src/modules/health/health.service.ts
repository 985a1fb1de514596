import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_RUNTIME, type AppRuntime } from '../../common/runtime';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  version: string;
}

const DATABASE_PROBE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
  ) {}

  async check(): Promise<HealthReport> {
    const up = await this.databaseAnswers();
    return { status: up ? 'ok' : 'error', db: up ? 'up' : 'down', version: this.runtime.version };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_PROBE_TIMEOUT_MS);
    });
    const probe = this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
