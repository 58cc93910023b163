import type { TFunction } from 'i18next';

/**
 * The keys every register feature (people, inventory, structure) defines under its own name for
 * editing, archiving and restoring rows, e.g. people.archiveTitle. Their texts differ ("Archive
 * this person?" / "Archive this item?"); the shared list components ask for them by these names.
 */
export const ROW_KEYS = [
  'edit',
  'editLabel',
  'archive',
  'unarchive',
  'archiveLabel',
  'unarchiveLabel',
  'archiveTitle',
  'unarchiveTitle',
  'archiveConfirm',
  'unarchiveConfirm',
] as const;

/** The keys of a register list's filter card and result count, e.g. people.searchPlaceholder. */
export const LIST_KEYS = [
  'filters',
  'search',
  'searchPlaceholder',
  'showArchived',
  'noMatch',
  'shown',
  'shownMore',
] as const;

/** The keys of the "someone else saved this" notice of a feature's versioned form. */
export const CONFLICT_KEYS = ['conflict', 'reloadKeep'] as const;

interface Named {
  name: string;
  archivedAt: string | null;
}

/**
 * A feature's words for one row: the edit button, the archive or restore button (tooltip and
 * accessible name) and the confirmation dialog. `confirmKey` replaces `<feature>.archiveConfirm`
 * where the sentence depends on the kind of row (structure.archiveConfirm.site).
 */
export function rowWords(t: TFunction, feature: string, confirmKey = `${feature}.archiveConfirm`) {
  const key = (name: (typeof ROW_KEYS)[number]) => `${feature}.${name}`;
  return {
    edit: (item: Named) => ({ tooltip: t(key('edit')), label: t(key('editLabel'), { name: item.name }) }),
    archive: (item: Named) =>
      item.archivedAt
        ? { tooltip: t(key('unarchive')), label: t(key('unarchiveLabel'), { name: item.name }) }
        : { tooltip: t(key('archive')), label: t(key('archiveLabel'), { name: item.name }) },
    dialog: (item: Named) =>
      item.archivedAt
        ? {
            title: t(key('unarchiveTitle')),
            body: t(key('unarchiveConfirm'), { name: item.name }),
            confirm: t(key('unarchive')),
          }
        : {
            title: t(key('archiveTitle')),
            body: t(confirmKey, { name: item.name }),
            confirm: t(key('archive')),
          },
  };
}

/**
 * A feature's words for a version conflict: the notice, its reload button and (where the form
 * shows saved values under the fields) the note after reloading, `<feature>.reloadedHint`.
 */
export function conflictWords(t: TFunction, feature: string, { withReloaded = true } = {}) {
  return {
    conflict: t(`${feature}.conflict`),
    reloadKeep: t(`${feature}.reloadKeep`),
    ...(withReloaded ? { reloaded: t(`${feature}.reloadedHint`) } : {}),
  };
}

/** A feature's words for its list: the filter card's name and fields, "no match" and the row count. */
export function listWords(t: TFunction, feature: string) {
  const key = (name: (typeof LIST_KEYS)[number]) => `${feature}.${name}`;
  return {
    filters: t(key('filters')),
    search: t(key('search')),
    searchPlaceholder: t(key('searchPlaceholder')),
    showArchived: t(key('showArchived')),
    noMatch: t(key('noMatch')),
    /** "12 people shown", or while there are more to load "50 people shown (more below)". */
    shown: (count: number, more: boolean) => t(key(more ? 'shownMore' : 'shown'), { count }),
  };
}

export type ListWords = ReturnType<typeof listWords>;
