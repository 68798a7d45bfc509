import type { SeedOptions } from '../src/modules/demo/seed.ts';

/** The full-scale demo's generators, import and bulk load at about a hundredth of its size. */
export const cockpitSeed: SeedOptions = {
  scale: 'full',
  registry: { newCitySince2021: 1_172, elsewhereSince2021: 480, olderStock: 2_320 },
  pipeline: { majorNewCitySince2021: 31, otherProjects: 160 },
};
