import { expect, it } from 'vitest';
import { addDays, bureauTimeZone, civilDate } from '../src/domain/calendar.ts';
import { tinyPdf } from '../src/test/multipart.ts';
import { describeInChromium } from './browser.ts';
import { demoBrowser } from './demo-browser.ts';

describeInChromium('agreements (Chromium)', () => {
  const { signedIn } = demoBrowser({ landing: '/agreements' });

  it('creates an agreement with a milestone, sees it due on the home page, and attaches its document', async () => {
    const { page } = await signedIn('officer@jiading.demo');
    const today = civilDate(new Date(), bureauTimeZone);
    await page.getByTestId('agreement-row').first().waitFor();
    const rows = await page.getByTestId('agreement-row').allTextContents();
    expect(rows.some((r) => r.includes('上海市工业经济联合会战略合作协议'))).toBe(true);

    await page.getByTestId('agreement-new').click();
    await page.waitForURL((url) => url.pathname === '/agreements/new');
    // Nothing is sent until the form is valid: the title is required and the term cannot run backwards.
    await page.getByTestId('agreement-term-start').fill(addDays(today, -10));
    await page.getByTestId('agreement-term-end').fill(addDays(today, -20));
    await page.getByTestId('agreement-save').click();
    await page.getByText('必填').waitFor();
    await page.getByText('到期日期不能早于生效日期').waitFor();
    expect(new URL(page.url()).pathname).toBe('/agreements/new');

    await page.getByTestId('agreement-title-zh').fill('浏览器测试：氢能产业合作协议');
    await page.getByTestId('agreement-reference').fill('E2E-001');
    await page.getByTestId('agreement-signed-on').fill(addDays(today, -10));
    await page.getByTestId('agreement-term-end').fill(addDays(today, 365));
    await page.getByTestId('agreement-save').click();
    await page.waitForURL((url) => /^\/agreements\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('agreement-title').textContent()).toBe('浏览器测试：氢能产业合作协议');
    expect(await page.getByTestId('agreement-status').textContent()).toBe('草拟');
    await page.getByTestId('agreement-move-signed').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="agreement-status"]')?.textContent === '已签署',
    );

    // A milestone due before the signing is refused; one due in three days is listed.
    await page.getByTestId('milestone-title').fill('完成项目用地踏勘');
    await page.getByTestId('milestone-due').fill(addDays(today, -11));
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone-error').waitFor();
    expect(await page.getByTestId('milestone-row').count()).toBe(0);
    await page.getByTestId('milestone-due').fill(addDays(today, 3));
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone-row').first().waitFor();
    expect(await page.getByTestId('milestone-row').textContent()).toContain('完成项目用地踏勘');

    // A document is stored; a text file is not a document.
    const input = page.getByTestId('agreement-attachments').locator('input[type="file"]');
    await input.setInputFiles({ name: '合作协议.pdf', mimeType: 'application/pdf', buffer: tinyPdf });
    await page.getByTestId('attachment-row').first().waitFor();
    expect(await page.getByTestId('attachment-row').textContent()).toContain('合作协议.pdf');
    const href = await page.getByTestId('attachment-row').locator('a').getAttribute('href');
    const download = await page.request.get(href as string);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(tinyPdf)).toBe(true);
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('协议要点') });
    await page.getByTestId('attachment-error').waitFor();
    expect(await page.getByTestId('attachment-row').count()).toBe(1);

    // The officer owns the milestone: it is on their home page, due within two weeks.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('due-milestones').waitFor();
    await page.getByTestId('due-milestone').first().waitFor();
    const due = await page.getByTestId('due-milestone').allTextContents();
    expect(due.some((d) => d.includes('完成项目用地踏勘') && d.includes(addDays(today, 3)))).toBe(true);
    await page
      .getByTestId('due-milestones')
      .getByRole('link', { name: '浏览器测试：氢能产业合作协议' })
      .first()
      .click();
    await page.waitForURL((url) => /^\/agreements\/[0-9a-f-]{36}$/.test(url.pathname));
    // Created, signed, a milestone and a document: four entries in the agreement's history.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-entry"]').length === 4);
    await page.context().close();
  });

  it('shows on a project page who is credited with it: the first registered introducer', async () => {
    const { page } = await signedIn('officer@jiading.demo');
    await page.goto('/projects');
    await page.getByRole('link', { name: '民营企业总部回归项目' }).click();
    await page.getByTestId('project-credit').waitFor();
    // Referred by the district's federation, but the services centre registered as introducer first.
    expect(await page.getByTestId('project-credit').textContent()).toBe(
      '长三角产业招商服务中心 · 登记引荐人',
    );
    await page.context().close();
  });

  it('shows a partner the agreements it is party to, without the bureau’s controls', async () => {
    const { page } = await signedIn('partner@jiading.demo');
    await page.getByTestId('agreement-row').first().waitFor();
    const rows = await page.getByTestId('agreement-row').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('上海市汽车行业协会');
    expect(await page.getByTestId('agreement-new').count()).toBe(0);
    await page.getByTestId('agreement-row').locator('a').first().click();
    await page.getByTestId('agreement-introducers').waitFor();
    expect(await page.getByTestId('agreement-actions').count()).toBe(0);
    expect(await page.getByTestId('agreement-history').count()).toBe(0);
    await page.context().close();
  });
});
