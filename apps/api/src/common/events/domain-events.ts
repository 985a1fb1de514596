import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgencyTreeChanged } from './agency-tree-changed';
import type { ReportSnapshot } from './report-snapshot';

/**
 * What one module tells the others, by event name. A publisher owns its tables; a subscriber
 * keeps its own copy of what it needs from the events, never reading the publisher's tables.
 */
export interface DomainEventMap {
  /** A report changed in a way analytics counts (see ReportSnapshot). */
  'report.snapshot': ReportSnapshot;
  /** The agency tree changed: names, codes, places in the hierarchy, active years. */
  'agency.tree-changed': AgencyTreeChanged;
}

export type DomainEventName = keyof DomainEventMap;

/** Runs inside the publisher's transaction: a handler that fails rolls the change back. */
export type DomainEventHandler<K extends DomainEventName> = (
  event: DomainEventMap[K],
  manager: EntityManager,
) => Promise<void>;

/**
 * Publishes the current state of everything the publisher owns, one event at a time, to `emit`
 * (a rebuild of a subscriber's copy). Returns how many events it emitted.
 */
export type DomainEventReplay<K extends DomainEventName> = (
  manager: EntityManager,
  emit: (event: DomainEventMap[K]) => Promise<void>,
) => Promise<number>;

/**
 * A small typed in-process event bus. Handlers run in subscription order, one after the other,
 * with the publisher's EntityManager, so what they write commits or rolls back with the change
 * that caused it. Modules subscribe and offer replays once, in onModuleInit.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, DomainEventHandler<never>[]>();
  private readonly replays = new Map<DomainEventName, DomainEventReplay<never>>();

  subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as DomainEventHandler<never>);
    this.handlers.set(name, list);
  }

  async publish<K extends DomainEventName>(
    name: K,
    event: DomainEventMap[K],
    manager: EntityManager,
  ): Promise<void> {
    for (const handler of (this.handlers.get(name) ?? []) as DomainEventHandler<K>[])
      await handler(event, manager);
  }

  /** The publisher of `name` says how to replay it; one publisher per event. */
  offerReplay<K extends DomainEventName>(name: K, replay: DomainEventReplay<K>): void {
    if (this.replays.has(name)) throw new Error(`a replay of ${name} is already offered`);
    this.replays.set(name, replay as DomainEventReplay<never>);
  }

  /** Every event the publisher of `name` would publish now, to `handler` alone. */
  async replay<K extends DomainEventName>(
    name: K,
    manager: EntityManager,
    handler: (event: DomainEventMap[K]) => Promise<void>,
  ): Promise<number> {
    const replay = this.replays.get(name) as DomainEventReplay<K> | undefined;
    if (!replay) throw new Error(`nothing offers a replay of ${name}`);
    return replay(manager, handler);
  }
}

/** The bus, one per application, injectable everywhere without importing this module. */
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
