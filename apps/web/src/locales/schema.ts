import type zhCN from './zh-CN';

/** zh-CN is the reference locale: every other locale must have exactly its keys. */
export type MessageSchema = typeof zhCN;
