import { z } from 'zod';

/** Every user-facing text in a content file: Japanese first, English second, both required. */
export const LocalizedTextSchema = z.strictObject({
  ja: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
});

/** Where an item comes from: seed file name and section (PRODUCT.md, "Content is data"). */
export const SourceSchema = z.string().trim().min(1).max(300);
