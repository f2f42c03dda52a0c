export { storeUsageRules, type StoreUsageRule } from './store-usage-rules.ts';
export {
  collectConstants,
  findStoreUsages,
  pathEqualityHomes,
  type SourceConstants,
  type SourceFile,
  type StoreUsage,
} from './find-store-usages.ts';
export { platformSources, repositoryRoot } from './platform-sources.ts';
export { allowList, isAllowed, type AllowListEntry } from './allow-list.ts';
