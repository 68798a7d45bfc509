import { describe, expect, it } from 'vitest';
import {
  type CheckResult,
  checkItinerary,
  daily,
  type OpeningHours,
  openingHoursProblem,
  type Plan,
  type PlanGroup,
  type SiteFacts,
  sitePair,
} from './itinerary.ts';

const tz = 'Asia/Shanghai';
// 2024-03-26 is a Tuesday; times are Shanghai local (+08:00).
const at = (hhmm: string, day = '2024-03-26') => new Date(`${day}T${hhmm}:00+08:00`);
const stop = (siteId: string, from: string, to: string, day?: string) => ({
  siteId,
  startsAt: at(from, day),
  endsAt: at(to, day),
});

const weekdaysOnly: OpeningHours = [...daily('09:00', '17:00').slice(0, 5), null, null];
const sites = new Map<string, SiteFacts>([
  ['hall', { id: 'hall', capacity: 120, openingHours: daily('09:00', '17:00') }],
  ['harbor', { id: 'harbor', capacity: 60, openingHours: weekdaysOnly }],
  ['park', { id: 'park', capacity: null, openingHours: null }],
  ['base', { id: 'base', capacity: 80, openingHours: daily('08:30', '18:00') }],
]);
const minutes: Record<string, number> = { 'hall|harbor': 30, 'harbor|park': 20, 'base|park': 15 };
const travel = (a: string, b: string) => minutes[sitePair(a, b).join('|')] ?? null;

const group = (name: string, headCount: number, stops: PlanGroup['stops']): PlanGroup => ({
  name,
  headCount,
  stops,
});
const check = (plan: Plan): CheckResult => checkItinerary(plan, sites, travel, tz);
const codes = (r: CheckResult) => r.conflicts.map((c) => c.code);

describe('checkItinerary', () => {
  it('accepts a feasible plan over several groups and sites', () => {
    const r = check({
      window: { startsAt: at('08:00'), endsAt: at('18:00') },
      groups: [
        group('Bus 1', 50, [
          stop('hall', '09:00', '10:00'),
          stop('harbor', '10:30', '11:30'),
          stop('park', '11:50', '12:30'),
        ]),
        group('Bus 2', 50, [stop('park', '09:00', '10:00'), stop('base', '10:15', '11:00')]),
      ],
    });
    expect(r).toEqual({ ok: true, conflicts: [], warnings: [] });
  });

  it('takes a group’s stops in time order, whatever order they are given in', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('harbor', '10:30', '11:30'), stop('hall', '09:00', '10:00')])],
    });
    expect(r.ok).toBe(true);
  });

  it('names an end before the start, and an end equal to the start', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('hall', '11:00', '10:00'), stop('hall', '12:00', '12:00')])],
    });
    expect(r.conflicts).toEqual([
      expect.objectContaining({ code: 'end-before-start', stops: [{ group: 0, stop: 0 }] }),
      expect.objectContaining({ code: 'end-before-start', stops: [{ group: 0, stop: 1 }] }),
    ]);
    expect(r.ok).toBe(false);
  });

  it('names every pair of overlapping stops of one group', () => {
    const r = check({
      groups: [
        group('Bus', 10, [
          stop('hall', '09:00', '12:00'),
          stop('hall', '10:00', '11:00'),
          stop('hall', '11:30', '12:30'),
        ]),
      ],
    });
    expect(r.conflicts.filter((c) => c.code === 'stops-overlap').map((c) => c.stops)).toEqual([
      [
        { group: 0, stop: 0 },
        { group: 0, stop: 1 },
      ],
      [
        { group: 0, stop: 0 },
        { group: 0, stop: 2 },
      ],
    ]);
  });

  it('lets one stop end exactly when the next starts at the same site', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('hall', '09:00', '10:00'), stop('hall', '10:00', '11:00')])],
    });
    expect(r.ok).toBe(true);
  });

  it('does not call stops of different groups an overlap', () => {
    const r = check({
      groups: [
        group('A', 10, [stop('hall', '09:00', '10:00')]),
        group('B', 10, [stop('hall', '09:00', '10:00')]),
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('names a stop before opening, after closing, on a closed day and past midnight', () => {
    const r = check({
      groups: [
        group('Early', 10, [stop('hall', '08:30', '09:30')]),
        group('Late', 10, [stop('hall', '16:30', '17:30')]),
        // 2024-03-30 is a Saturday: the harbor is closed at weekends.
        group('Weekend', 10, [stop('harbor', '10:00', '11:00', '2024-03-30')]),
        group('Night', 10, [{ siteId: 'base', startsAt: at('17:00'), endsAt: at('01:00', '2024-03-27') }]),
        group('Inside', 10, [stop('hall', '09:00', '17:00')]),
      ],
    });
    const hours = r.conflicts.filter((c) => c.code === 'outside-opening-hours');
    expect(hours.map((c) => c.stops[0]?.group)).toEqual([0, 1, 2, 3]);
    expect(hours[0]?.facts).toEqual({ weekday: 'tue', open: '09:00', close: '17:00' });
    expect(hours[2]?.facts).toEqual({ weekday: 'sat', open: null, close: null });
    expect(hours[2]?.message).toMatch(/closed on sat/);
  });

  it('reads opening hours in the bureau’s time zone, not UTC', () => {
    // 09:30 in Shanghai is 01:30 UTC: still inside 09:00–17:00 local.
    const r = checkItinerary(
      {
        groups: [
          group('Bus', 10, [
            {
              siteId: 'hall',
              startsAt: new Date('2024-03-26T01:30:00Z'),
              endsAt: new Date('2024-03-26T02:30:00Z'),
            },
          ]),
        ],
      },
      sites,
      travel,
      tz,
    );
    expect(r.ok).toBe(true);
    const utc = checkItinerary(
      {
        groups: [
          group('Bus', 10, [
            {
              siteId: 'hall',
              startsAt: new Date('2024-03-26T01:30:00Z'),
              endsAt: new Date('2024-03-26T02:30:00Z'),
            },
          ]),
        ],
      },
      sites,
      travel,
      'UTC',
    );
    expect(codes(utc)).toEqual(['outside-opening-hours']);
  });

  it('skips the opening-hours check for a site without hours', () => {
    const r = check({ groups: [group('Bus', 10, [stop('park', '05:00', '23:00')])] });
    expect(r.ok).toBe(true);
  });

  it('names a group larger than the site, and not one of equal size or a site of unknown capacity', () => {
    const r = check({
      groups: [
        group('Big', 61, [stop('harbor', '09:00', '10:00')]),
        group('Exact', 60, [stop('harbor', '11:00', '12:00')]),
        group('Huge', 500, [stop('park', '09:00', '10:00')]),
      ],
    });
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        code: 'over-capacity',
        stops: [{ group: 0, stop: 0 }],
        siteId: 'harbor',
        facts: { capacity: 60, headCount: 61 },
      }),
    ]);
  });

  it('names too little time to travel between consecutive stops, with the minutes', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('hall', '09:00', '10:00'), stop('harbor', '10:20', '11:00')])],
    });
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        code: 'too-little-travel-time',
        stops: [
          { group: 0, stop: 0 },
          { group: 0, stop: 1 },
        ],
        facts: { needed: 30, available: 20 },
      }),
    ]);
  });

  it('reads travel times in either direction and needs none between stops at one site', () => {
    const r = check({
      groups: [
        group('Bus', 10, [
          stop('harbor', '09:00', '10:00'),
          stop('hall', '10:30', '11:00'),
          stop('hall', '11:00', '11:30'),
        ]),
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('only checks travel to the next stop, not to later ones', () => {
    const r = check({
      groups: [
        group('Bus', 10, [
          stop('base', '09:00', '10:00'),
          stop('park', '10:15', '10:30'),
          stop('harbor', '10:50', '11:30'),
        ]),
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('warns, without refusing, when the travel time between two sites is unknown', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('hall', '09:00', '10:00'), stop('base', '10:05', '11:00')])],
    });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'travel-time-unknown',
        stops: [
          { group: 0, stop: 0 },
          { group: 0, stop: 1 },
        ],
      }),
    ]);
  });

  it('does not ask for travel time across an overlap it already named', () => {
    const r = check({
      groups: [group('Bus', 10, [stop('hall', '09:00', '10:00'), stop('harbor', '09:30', '11:00')])],
    });
    expect(codes(r)).toEqual(['stops-overlap']);
  });

  it('names groups that crowd a site together beyond its capacity, once per crowd', () => {
    const r = check({
      groups: [
        group('A', 40, [stop('harbor', '09:00', '10:00')]),
        group('B', 30, [stop('harbor', '09:30', '10:30')]),
        group('C', 10, [stop('harbor', '10:00', '11:00')]),
      ],
    });
    const crowd = r.conflicts.filter((c) => c.code === 'site-over-capacity');
    expect(crowd).toEqual([
      expect.objectContaining({
        stops: [
          { group: 0, stop: 0 },
          { group: 1, stop: 0 },
        ],
        facts: { capacity: 60, headCount: 70 },
      }),
    ]);
  });

  it('lets groups follow each other at a full site', () => {
    const r = check({
      groups: [
        group('A', 60, [stop('harbor', '09:00', '10:00')]),
        group('B', 60, [stop('harbor', '10:00', '11:00')]),
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('names a stop outside the event’s start and end', () => {
    const r = check({
      window: { startsAt: at('09:00'), endsAt: at('12:00') },
      groups: [group('Bus', 10, [stop('hall', '09:00', '10:00'), stop('hall', '11:30', '12:30')])],
    });
    expect(r.conflicts).toEqual([
      expect.objectContaining({ code: 'outside-event', stops: [{ group: 0, stop: 1 }] }),
    ]);
  });

  it('names a site the district does not have', () => {
    const r = check({ groups: [group('Bus', 10, [stop('nowhere', '09:00', '10:00')])] });
    expect(codes(r)).toEqual(['unknown-site']);
  });

  it('names every conflict of a bad plan at once', () => {
    const r = check({
      window: { startsAt: at('08:00'), endsAt: at('18:00') },
      groups: [
        group('Bus 1', 70, [
          stop('hall', '09:00', '10:00'),
          stop('harbor', '10:10', '11:00'),
          stop('harbor', '10:30', '10:45'),
          stop('base', '19:00', '18:30'),
        ]),
        group('Bus 2', 60, [stop('hall', '08:00', '09:30')]),
      ],
    });
    expect(new Set(codes(r))).toEqual(
      new Set([
        'over-capacity',
        'too-little-travel-time',
        'stops-overlap',
        'end-before-start',
        'outside-opening-hours',
        'site-over-capacity',
      ]),
    );
    expect(r.ok).toBe(false);
  });

  it('gives an empty plan no conflicts', () => {
    expect(check({ groups: [] })).toEqual({ ok: true, conflicts: [], warnings: [] });
    expect(check({ groups: [group('Bus', 10, [])] }).ok).toBe(true);
  });
});

describe('openingHoursProblem', () => {
  it('accepts seven days with closed days as null', () => {
    expect(openingHoursProblem(daily('09:00', '17:00'))).toBeNull();
    expect(openingHoursProblem(weekdaysOnly)).toBeNull();
  });

  it.each([
    [[], /seven days/],
    [daily('09:00', '17:00').slice(0, 6), /seven days/],
    [[{ open: '9:00', close: '17:00' }, ...daily('09:00', '17:00').slice(1)], /mon: open and close/],
    [
      [...daily('09:00', '17:00').slice(0, 6), { open: '18:00', close: '17:00' }],
      /sun: closes before it opens/,
    ],
    [[...daily('09:00', '17:00').slice(0, 6), { open: '10:00', close: '10:00' }], /sun: closes before/],
    [[...daily('09:00', '17:00').slice(0, 6), { open: '10:00', close: '24:00' }], /sun: open and close/],
    ['daily', /seven days/],
  ])('refuses %j', (hours, reason) => {
    expect(openingHoursProblem(hours)).toMatch(reason);
  });
});

describe('sitePair', () => {
  it('puts the smaller id first whichever way round it is asked', () => {
    expect(sitePair('b', 'a')).toEqual(['a', 'b']);
    expect(sitePair('a', 'b')).toEqual(['a', 'b']);
  });
});
