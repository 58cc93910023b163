import { z } from 'zod';
import { TextSchema } from '../../domain/content-schemas.js';

/** Every user-facing text in a content file: Japanese first, English second, both required. */
export const LocalizedTextSchema = TextSchema;

/** Where an item comes from: seed file name and section (PRODUCT.md, "Content is data"). */
export const SourceSchema = z.string().trim().min(1).max(300);
