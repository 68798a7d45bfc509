import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './browser.ts';
import { DEMO_PASSWORD, demoBrowser } from './demo-browser.ts';

describeInChromium('events and site visits (Chromium)', () => {
  const demo = demoBrowser({ landing: '/events' });
  const { signedIn } = demo;

  async function demoEventId(page: Page): Promise<string> {
    const res = await page.request.get('/api/v1/events');
    return (await res.json()).items[0].id;
  }

  it('plans an itinerary and sees a conflict flagged as it is typed, and cannot save it', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    await page.getByTestId('event-row').first().waitFor();
    await page.getByTestId('event-row').first().getByRole('link').click();
    await page.waitForURL((url) => /^\/events\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('event-title').textContent()).toBe('百家行业协会和企业走进嘉定新城');
    await page.getByTestId('tab-itinerary').click();
    // The demo plan (three buses over the four sites) is feasible.
    await page.getByTestId('planner-feasible').waitFor();
    expect(await page.getByTestId('planner-group').count()).toBe(3);

    // Stretch the first bus's first stop past the start of its second: the two overlap.
    const firstBus = page.getByTestId('planner-group').first();
    const firstStop = firstBus.getByTestId('planner-stop').first();
    const secondStart = await firstBus
      .getByTestId('planner-stop')
      .nth(1)
      .getByTestId('planner-stop-start')
      .inputValue();
    const day = secondStart.slice(0, 10);
    await firstStop.getByTestId('planner-stop-end').fill(`${day}T10:45`);
    const overlap = page.locator('[data-testid="planner-conflict"][data-code="stops-overlap"]');
    await overlap.waitFor();
    expect(await overlap.textContent()).toContain('1号车');
    expect(await firstStop.getAttribute('data-conflict')).toBe('true');
    expect(await page.getByTestId('planner-save').isDisabled()).toBe(true);

    // Put it back: the conflict goes and the plan can be saved again.
    await firstStop.getByTestId('planner-stop-end').fill(`${day}T10:00`);
    await page.getByTestId('planner-feasible').waitFor();
    expect(await page.getByTestId('planner-conflict').count()).toBe(0);
    await page.getByTestId('planner-save').click();
    await page.getByTestId('planner-saved').waitFor();

    // The saved plan prints as the guests' agenda, both languages on one sheet.
    await page.goto(`/events/${await demoEventId(page)}/agenda`);
    await page.getByTestId('agenda-group').first().waitFor();
    expect(await page.getByTestId('agenda-group').count()).toBe(3);
    const agenda = await page.getByTestId('agenda').textContent();
    expect(agenda).toContain('嘉定氢能港');
    expect(agenda).toContain('Jiading Hydrogen Energy Harbor');
    await context.close();
  });

  it('checks an attendee in on a phone-sized window', async () => {
    const { context, page } = await signedIn('officer@jiading.demo', { width: 390, height: 844 });
    const id = await demoEventId(page);
    const added = await page.request.post(`/api/v1/events/${id}/attendees`, {
      data: { name: '浏览器测试来宾', rsvp: 'accepted' },
    });
    expect(added.status()).toBe(201);
    await page.goto(`/events/${id}/check-in`);
    await page.getByTestId('check-in-page').waitFor();
    const before = await page.getByTestId('check-in-count').textContent();
    await page.getByTestId('check-in-search').fill('浏览器测试');
    const card = page.getByTestId('check-in-card');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    await card.getByTestId('check-in-button').click();
    await card.getByTestId('check-in-done').waitFor();
    expect(await page.getByTestId('check-in-count').textContent()).not.toBe(before);
    // Nothing runs off the side of the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const list = await (
      await page.request.get(`/api/v1/events/${id}/attendees?q=${encodeURIComponent('浏览器测试')}`)
    ).json();
    expect(list.items[0].checkedInAt).not.toBeNull();
    await context.close();
  });

  it('creates a lead from the event and counts it in the outcome', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    const id = await demoEventId(page);
    await page.goto(`/events/${id}`);
    await page.getByTestId('tab-outcomes').click();
    const leads = page.getByTestId('outcome-leads');
    await leads.waitFor();
    const before = Number(await leads.textContent());
    expect(await page.getByTestId('lead-row').count()).toBe(before);
    await page.getByTestId('new-lead-from-event-title').fill('浏览器测试：考察后氢能项目');
    await page.getByTestId('new-lead-from-event').click();
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('project-title').textContent()).toBe('浏览器测试：考察后氢能项目');
    const projectId = new URL(page.url()).pathname.split('/').at(-1);
    const project = await (await page.request.get(`/api/v1/projects/${projectId}`)).json();
    expect(project).toMatchObject({ source: 'event', eventId: id });
    await page.goto(`/events/${id}`);
    await page.getByTestId('tab-outcomes').click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="outcome-leads"]')?.textContent === String(n),
      before + 1,
    );
    await context.close();
  });

  it('shows a partner no events', async () => {
    const context = await demo.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="email"]').fill('partner@jiading.demo');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    expect(await page.getByTestId('nav-events').count()).toBe(0);
    expect((await page.request.get('/api/v1/events')).status()).toBe(403);
    await context.close();
  });
});
