import type { EntityManager } from 'typeorm';
import type { AgencyTreeChanged } from './agency-tree-changed';
import { DomainEvents } from './domain-events';

const manager = {} as EntityManager;
const tree = (code: string): AgencyTreeChanged => ({
  agencies: [
    {
      id: 'a',
      parentId: null,
      code,
      name: '甲',
      path: 'a',
      kind: 'government',
      level: 'county',
      activeFromYear: null,
      activeToYear: null,
    },
  ],
});

describe('DomainEvents', () => {
  it('runs every handler in subscription order with the publisher’s manager', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.subscribe('agency.tree-changed', async (event, m) => {
      expect(m).toBe(manager);
      seen.push(`first ${event.agencies[0].code}`);
    });
    events.subscribe('agency.tree-changed', async (event) => {
      seen.push(`second ${event.agencies[0].code}`);
    });
    await events.publish('agency.tree-changed', tree('X1'), manager);
    expect(seen).toEqual(['first X1', 'second X1']);
  });

  it('fails the publish when a handler fails, so the publisher’s transaction rolls back', async () => {
    const events = new DomainEvents();
    const after = jest.fn();
    events.subscribe('agency.tree-changed', async () => {
      throw new Error('projection failed');
    });
    events.subscribe('agency.tree-changed', after);
    await expect(events.publish('agency.tree-changed', tree('X'), manager)).rejects.toThrow(
      'projection failed',
    );
    expect(after).not.toHaveBeenCalled();
  });

  it('replays the publisher’s state to one handler, and refuses a second publisher', async () => {
    const events = new DomainEvents();
    const subscriber = jest.fn();
    events.subscribe('agency.tree-changed', subscriber);
    events.offerReplay('agency.tree-changed', async (_m, emit) => {
      await emit(tree('R1'));
      return 1;
    });
    const replayed: string[] = [];
    const count = await events.replay('agency.tree-changed', manager, async (event) => {
      replayed.push(event.agencies[0].code);
    });
    expect([count, replayed]).toEqual([1, ['R1']]);
    expect(subscriber).not.toHaveBeenCalled();
    expect(() => events.offerReplay('agency.tree-changed', async () => 0)).toThrow();
    await expect(events.replay('report.snapshot', manager, jest.fn())).rejects.toThrow(
      'nothing offers a replay of report.snapshot',
    );
  });
});
