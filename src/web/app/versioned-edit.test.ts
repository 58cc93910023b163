import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import {
  createPayload,
  differsFromSaved,
  type FormModel,
  isVersionConflict,
  mergeLatest,
  sameValue,
  textOrNull,
  updatePayload,
} from './versioned-edit.js';

interface Note {
  id: string;
  version: number;
  title: string;
  body: string | null;
  tags: string[];
}
type NoteValues = {
  title: string;
  body: string;
  tags: string;
};
const noteModel: FormModel<Note, NoteValues> = {
  fields: ['title', 'body', 'tags'],
  valuesOf: (n) => ({ title: n?.title ?? '', body: n?.body ?? '', tags: (n?.tags ?? []).join('\n') }),
  apiValue: (field, value) =>
    field === 'tags'
      ? String(value)
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
      : textOrNull(value),
};
const saved: Note = { id: 'n1', version: 3, title: 'Plan', body: 'old', tags: ['a'] };

describe('textOrNull', () => {
  it('trims, and clears empty text', () => {
    expect(textOrNull('  x ')).toBe('x');
    expect(textOrNull('   ')).toBeNull();
    expect(textOrNull(null)).toBeNull();
    expect(textOrNull(undefined)).toBeNull();
  });
});

describe('sameValue', () => {
  it('compares what the API would receive', () => {
    expect(sameValue([], [])).toBe(true);
    expect(sameValue({ kind: 'duration', minutes: 60 }, { kind: 'duration', minutes: 60 })).toBe(true);
    expect(sameValue(null, '')).toBe(false);
  });
});

describe('createPayload', () => {
  it('sends the fields that have a value', () => {
    expect(createPayload(noteModel, { title: ' New ', body: '  ', tags: '' })).toEqual({ title: 'New' });
    expect(createPayload(noteModel, { title: 'New', body: 'b', tags: 'x\n\n y ' })).toEqual({
      title: 'New',
      body: 'b',
      tags: ['x', 'y'],
    });
  });
});

describe('updatePayload', () => {
  it('sends only what changed, with a cleared field as null', () => {
    expect(updatePayload(noteModel, { title: 'Plan ', body: '', tags: 'a\nb' }, saved)).toEqual({
      body: null,
      tags: ['a', 'b'],
    });
  });

  it('sends nothing when only white space changed', () => {
    expect(updatePayload(noteModel, { title: ' Plan', body: 'old', tags: ' a ' }, saved)).toEqual({});
  });
});

describe('mergeLatest', () => {
  const latest: Note = { ...saved, version: 4, title: 'Plan B', body: 'theirs', tags: ['z'] };

  it('takes the saved value where the user typed nothing new, and keeps what they changed', () => {
    const typed = { title: 'Plan', body: 'mine', tags: 'a' };
    expect(mergeLatest(noteModel, typed, saved, latest)).toEqual({
      title: 'Plan B',
      body: 'mine',
      tags: 'z',
    });
  });

  it('says which fields now differ from what is saved', () => {
    const merged = mergeLatest(noteModel, { title: 'Plan', body: 'mine', tags: 'a' }, saved, latest);
    expect(noteModel.fields.filter((f) => differsFromSaved(noteModel, merged, latest, f))).toEqual(['body']);
  });
});

describe('isVersionConflict', () => {
  it('knows the conflict code and nothing else', () => {
    expect(isVersionConflict(new ApiError(412, 'version_conflict'))).toBe(true);
    expect(isVersionConflict(new ApiError(409, 'conflict'))).toBe(false);
    expect(isVersionConflict(new Error('version_conflict'))).toBe(false);
  });
});
