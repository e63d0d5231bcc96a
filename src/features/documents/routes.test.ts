import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentList, DocumentView } from '../../contract/documents/views.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { jpegWithGps, pdfBytes, pngBytes } from './test-files.test-helper.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let outsider: ApiSession;
let worker: ApiSession;
let charity: ApiSession;
let admin: ApiSession;
let child: TestChild;
let other: TestChild;

const maxBytes = 4096;
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

interface Upload {
  type: string;
  fileName: string;
  contentType?: string;
  key?: string;
  subjectType?: string;
  subjectId?: string;
  childId?: string;
  language?: string;
}
function upload(session: ApiSession, content: Buffer, options: Upload): Promise<Response> {
  const query = new URLSearchParams({ type: options.type, fileName: options.fileName });
  if (options.subjectType) query.set('subjectType', options.subjectType);
  if (options.subjectId) query.set('subjectId', options.subjectId);
  return fetch(`${server.url}/api/children/${options.childId ?? child.id}/documents?${query}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': options.contentType ?? 'application/octet-stream',
      ...(options.key ? { 'idempotency-key': options.key } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    body: content,
  });
}
const list = (session: ApiSession, query = '') => session.request('GET', `/api/children/${child.id}/documents${query}`);
const download = (session: ApiSession, id: string) => session.request('GET', `/api/documents/${id}/content`);
const downloadAudits = async (id: string) =>
  (
    await server.database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'documents.download')
      .where('entity_id', '=', id)
      .where('outcome', '=', 'ok')
      .executeTakeFirstOrThrow()
  ).n;

const referral = (organisationId: string, shares: string[], documentIds: string[] = []) =>
  officer.request('POST', '/api/referrals', {
    childId: child.id,
    toOrganisationId: organisationId,
    service: 'psychological_counselling',
    shares,
    documentIds,
    reason: '需要心理疏导',
    consent: { guardian: 'given', child: 'given' },
  });

async function referTo(organisationId: string, shares: string[], receiver: ApiSession, documentIds: string[] = []) {
  const made = await referral(organisationId, shares, documentIds);
  expect(made.status).toBe(201);
  const { id } = await json<{ id: string }>(made);
  const accepted = await receiver.request('POST', `/api/referrals/${id}/actions`, { type: 'accept', expectedSeq: 1 });
  expect(accepted.status).toBe(200);
  return id;
}

beforeAll(async () => {
  server = await startTestServer({ config: { documentMaxBytes: maxBytes } });
  make = factories(server.database.db);
  child = await make.child({ name: '周小树', residenceCode: places.chenlong, birthDate: '2014-03-02' });
  other = await make.child({ name: '周小林', residenceCode: places.chenlong, birthDate: '2016-07-09' });
  officer = await make.signInAs(server.url, 'officer.shashi');
  outsider = await make.signInAs(server.url, 'officer.gongan');
  worker = await make.signInAs(server.url, 'socialworker');
  charity = await make.signInAs(server.url, 'charity');
  admin = await make.signInAs(server.url, 'admin');
  await referTo((await make.organisationNamed('socialWorkA')).id, ['identity', 'assessment'], worker);
}, 240_000);
afterAll(async () => server?.close());

describe('uploading is judged by content, not by name', () => {
  it('a PDF renamed .jpg and declared a photo → 415 naming the detected and the declared type, in both languages', async () => {
    const zh = await upload(officer, pdfBytes, { type: 'photo', fileName: '现场照片.jpg', contentType: 'image/jpeg' });
    expect(zh.status).toBe(415);
    const error = await errorOf(zh);
    expect(error.code).toBe('documents.content_mismatch');
    expect(error.details).toEqual({ detected: 'application/pdf', declared: 'image/jpeg' });
    expect(error.message).toContain('application/pdf');
    expect(error.message).toContain('image/jpeg');
    const en = await errorOf(
      await upload(officer, pdfBytes, { type: 'photo', fileName: 'a.jpg', contentType: 'image/jpeg', language: 'en' }),
    );
    expect(en.message).toBe('The content is application/pdf, not the declared image/jpeg.');
    // Without a declared type the content decides — and a photo must be an image.
    const notImage = await upload(officer, pdfBytes, { type: 'photo', fileName: 'scan.jpg' });
    expect(notImage.status).toBe(415);
    expect(await errorOf(notImage)).toMatchObject({
      code: 'documents.type_not_allowed',
      details: { detected: 'application/pdf', type: 'photo' },
    });
    const unknown = await upload(officer, Buffer.from('MZ\x90\0 not a document'), { type: 'other', fileName: 'x.pdf' });
    expect(unknown.status).toBe(415);
    expect((await errorOf(unknown)).code).toBe('documents.unrecognised');
    expect((await json<DocumentList>(await list(officer))).items).toEqual([]);
  });

  it('a file over HAVEN_DOCUMENT_MAX_BYTES → 413 naming the limit; nothing stored', async () => {
    const big = Buffer.concat([pdfBytes, Buffer.alloc(maxBytes)]);
    const refused = await upload(officer, big, { type: 'court_decision', fileName: '判决书.pdf' });
    expect(refused.status).toBe(413);
    const error = await errorOf(refused);
    expect(error.code).toBe('documents.too_large');
    expect(error.details).toMatchObject({ limitBytes: maxBytes });
    expect(error.message).toContain(String(maxBytes));
    const stored = await server.database.db
      .selectFrom('stored_files')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('purpose', '=', 'child-document')
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(0);
  });
});

describe("a document on the child's file", () => {
  let court: DocumentView;

  it('is stored once for a retried upload (Idempotency-Key), with its sha256, and shows in the timeline', async () => {
    const first = await upload(officer, pdfBytes, {
      type: 'court_decision',
      fileName: '监护权判决书.pdf',
      contentType: 'application/pdf',
      key: 'doc-upload-0001',
    });
    expect(first.status).toBe(201);
    court = await json<DocumentView>(first);
    expect(court).toMatchObject({
      childId: child.id,
      type: 'court_decision',
      mediaType: 'application/pdf',
      sizeBytes: pdfBytes.length,
      location: 'none',
      withdrawn: null,
    });
    expect(court.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await upload(officer, pdfBytes, {
      type: 'court_decision',
      fileName: '监护权判决书.pdf',
      contentType: 'application/pdf',
      key: 'doc-upload-0001',
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<DocumentView>(again)).id).toBe(court.id);
    const listed = await json<DocumentList>(await list(officer));
    expect(listed.items.map((d) => d.id)).toEqual([court.id]);
    expect(listed).toMatchObject({ canUpload: true, canPurge: false, maxBytes });
    const timeline = await json<{ items: { kind: string; entityId: string; after: Record<string, unknown> }[] }>(
      await officer.request('GET', `/api/children/${child.id}/timeline?kind=document.uploaded`),
    );
    expect(timeline.items).toEqual([
      expect.objectContaining({
        kind: 'document.uploaded',
        entityId: court.id,
        after: expect.objectContaining({ type: 'court_decision', sha256: court.sha256 }),
      }),
    ]);
  });

  it('a photo loses its GPS position on upload (a new sha256, the original kept); it may belong to a case of the child', async () => {
    const officerPerson = await make.as('officer.shashi');
    const kase = await make.openCase(officerPerson, { childId: child.id, reason: '家访发现监护缺失' });
    const photo = await upload(officer, jpegWithGps(), {
      type: 'photo',
      fileName: 'IMG_0001.JPG',
      contentType: 'image/jpeg',
      subjectType: 'case',
      subjectId: kase.id,
    });
    expect(photo.status).toBe(201);
    const view = await json<DocumentView>(photo);
    expect(view).toMatchObject({ location: 'removed', subject: { type: 'case', id: kase.id } });
    const ofCase = await json<DocumentList>(await list(officer, `?subjectType=case&subjectId=${kase.id}`));
    expect(ofCase.items.map((d) => d.id)).toEqual([view.id]);
    const bytes = Buffer.from(await (await download(officer, view.id)).arrayBuffer());
    expect(bytes.length).toBe(jpegWithGps().length);
    expect(bytes.equals(jpegWithGps())).toBe(false);
    // Another child's case, or a case that does not exist, is refused.
    const otherCase = await make.openCase(officerPerson, { childId: other.id, reason: '另一个孩子' });
    const wrong = await upload(officer, pngBytes, {
      type: 'photo',
      fileName: 'a.png',
      subjectType: 'case',
      subjectId: otherCase.id,
    });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe('documents.subject_other_child');
    const missing = await upload(officer, pngBytes, {
      type: 'photo',
      fileName: 'a.png',
      subjectType: 'visit',
      subjectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
  });

  it('every download is an audit entry', async () => {
    const before = await downloadAudits(court.id);
    const response = await download(officer, court.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('监护权判决书.pdf'));
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);
    expect(await downloadAudits(court.id)).toBe(before + 1);
    await download(officer, court.id);
    expect(await downloadAudits(court.id)).toBe(before + 2);
  });

  it('someone outside the scope gets 404 on the list and the download (the refusal audited)', async () => {
    expect((await list(outsider)).status).toBe(404);
    expect((await download(outsider, court.id)).status).toBe(404);
    expect((await upload(outsider, pdfBytes, { type: 'other', fileName: 'x.pdf' })).status).toBe(404);
    const denied = await server.database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'documents.download')
      .where('entity_id', '=', court.id)
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    expect(denied.n).toBe(1);
  });

  it('a referral participant sees documents only when the referral shares them', async () => {
    const refused = await list(worker);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('documents.not_shared');
    expect((await download(worker, court.id)).status).toBe(403);
    // It still sees the child (identity was shared): it is the documents it may not see.
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(200);
  });

  it('a referral shares the documents chosen one by one: the receiver reads those, not the others, until it ends', async () => {
    const charityOrg = (await make.organisationNamed('charity')).id;
    const none = await referral(charityOrg, ['identity', 'documents']);
    expect(none.status).toBe(400);
    expect((await errorOf(none)).code).toBe('referrals.documents_none_chosen');
    const foreign = await upload(officer, pdfBytes, { type: 'other', fileName: '他人.pdf', childId: other.id });
    const wrong = await referral(
      charityOrg,
      ['identity', 'documents'],
      [court.id, (await json<DocumentView>(foreign)).id],
    );
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatchObject({
      code: 'referrals.document_not_of_child',
      details: [expect.objectContaining({ path: 'body.documentIds.1' })],
    });
    const all = (await json<DocumentList>(await list(officer))).items;
    const photo = all.find((d) => d.type === 'photo');
    expect(photo).toBeDefined();
    const id = await referTo(charityOrg, ['identity', 'documents'], charity, [court.id]);
    expect((await json<DocumentList>(await list(charity))).items.map((d) => d.id)).toEqual([court.id]);
    const before = await downloadAudits(court.id);
    expect((await download(charity, court.id)).status).toBe(200);
    expect(await downloadAudits(court.id)).toBe(before + 1);
    // The photo of the same file was not chosen: to the receiver it does not exist (refusal audited).
    expect((await download(charity, photo!.id)).status).toBe(404);
    const withdrawn = await officer.request('POST', `/api/referrals/${id}/actions`, {
      type: 'withdraw',
      expectedSeq: 2,
      reason: '家庭已自行联系服务',
    });
    expect(withdrawn.status).toBe(200);
    expect((await list(charity)).status).toBe(404);
    expect((await download(charity, court.id)).status).toBe(404);
    // A receiver that may upload reads what was shared but does not withdraw it.
    const toWorker = await referTo(
      (await make.organisationNamed('socialWorkA')).id,
      ['identity', 'documents'],
      worker,
      [court.id],
    );
    expect((await download(worker, court.id)).status).toBe(200);
    const refused = await worker.request('POST', `/api/documents/${court.id}/withdraw`, {
      reason: '试图撤回',
      version: court.version,
    });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('documents.shared_read_only');
    expect(
      (
        await officer.request('POST', `/api/referrals/${toWorker}/actions`, {
          type: 'withdraw',
          expectedSeq: 2,
          reason: '已由其他机构跟进',
        })
      ).status,
    ).toBe(200);
  });

  it('is withdrawn with a reason and kept in the history; only an administrator purges, and only a withdrawn one', async () => {
    const notYet = await admin.request('POST', `/api/documents/${court.id}/purge`, { reason: '重复上传' });
    expect(notYet.status).toBe(409);
    expect((await errorOf(notYet)).code).toBe('documents.not_withdrawn');
    const stale = await officer.request('POST', `/api/documents/${court.id}/withdraw`, {
      reason: '上传错了',
      version: 9,
    });
    expect(stale.status).toBe(409);
    const withdrawn = await officer.request('POST', `/api/documents/${court.id}/withdraw`, {
      reason: '上传错了案件的判决书',
      version: court.version,
    });
    expect(withdrawn.status).toBe(200);
    expect((await json<DocumentView>(withdrawn)).withdrawn).toMatchObject({ reason: '上传错了案件的判决书' });
    expect((await json<DocumentList>(await list(officer))).items.map((d) => d.id)).not.toContain(court.id);
    const history = await json<DocumentList>(await list(officer, '?withdrawn=true'));
    expect(history.items.find((d) => d.id === court.id)?.withdrawn?.reason).toBe('上传错了案件的判决书');
    const twice = await officer.request('POST', `/api/documents/${court.id}/withdraw`, { reason: '再撤', version: 2 });
    expect((await errorOf(twice)).code).toBe('documents.already_withdrawn');
    expect((await officer.request('POST', `/api/documents/${court.id}/purge`, { reason: '清理' })).status).toBe(403);
    const purged = await admin.request('POST', `/api/documents/${court.id}/purge`, {
      reason: '误传的他人判决书，依申请删除',
    });
    expect(purged.status).toBe(200);
    expect((await json<DocumentView>(purged)).purged).toMatchObject({ reason: '误传的他人判决书，依申请删除' });
    const gone = await download(officer, court.id);
    expect(gone.status).toBe(410);
    expect((await errorOf(gone)).code).toBe('documents.purged');
    const kinds = await json<{ items: { kind: string }[] }>(
      await officer.request('GET', `/api/children/${child.id}/timeline?pageSize=100`),
    );
    expect(kinds.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['document.withdrawn', 'document.purged']));
  });
});
