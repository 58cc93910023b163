import { z } from 'zod';
import { PREFECTURE_CODES } from '../domain/prefectures.js';

/** A JIS X 0401 prefecture code ('01'…'47'); the list is src/domain/prefectures.ts. */
export const PrefectureCodeSchema = z.enum(PREFECTURE_CODES);
