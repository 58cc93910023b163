import { describe, expect, it } from 'vitest';
import { createOrgWithUser, TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();

describe('GET /glossary', () => {
  it('gives a signed-in user every term with its explanation in both languages', async () => {
    const { client } = await createOrgWithUser(t, 'member');
    const res = await client.get('/api/v1/glossary');
    expect(res.statusCode).toBe(200);
    const rto = res.json().terms.find((term: { id: string }) => term.id === 'rto');
    expect(rto).toMatchObject({ term: { ja: '目標復旧時間' }, abbr: 'RTO' });
    expect(rto.explain.ja).toContain('いつまでに');
    // The spellings to avoid are for the check of the UI texts, not for readers.
    expect(rto).not.toHaveProperty('variants');
  });

  it('is refused without a session', async () => {
    const res = await new TestClient(t.app).get('/api/v1/glossary');
    expect(res.statusCode).toBe(401);
  });
});
