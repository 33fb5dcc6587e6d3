import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';

/** What earlier demo seeders created, by key, for later ones to refer to. */
export interface DemoRefs {
  unit(key: string): number;
  user(username: string): number;
  project(code: string): number;
  setUnit(key: string, id: number): void;
  setProject(code: string, id: number): void;
  now: Date;
}

/** A module's part of the demo region; runs in the one demo transaction, after those before it. */
export type DemoSeeder = (tx: Tx, ctx: AppContext, refs: DemoRefs) => Promise<void>;
