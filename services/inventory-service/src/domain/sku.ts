import { z } from 'zod';
import { skuPattern, skuRule } from '@saga/contracts';

/** A SKU in a path or body, by the platform's one rule (@saga/contracts' sku.ts). */
export const skuSchema = z.string().regex(skuPattern, { error: skuRule });
