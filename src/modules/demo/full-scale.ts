import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvRecord } from '../../domain/csv.ts';
import { companyRows, generatedHeaders, type Placement, placedBetween } from './company-generator.ts';
import { newCity, townNamesEn } from './jiading.ts';

/**
 * The registry at the article's scale: "117,200 new companies registered since 2021" in Jiading New City, beside
 * the rest of the district's registrations since then and an older stock from 1992 on. The dashboard's figures
 * are counted from these rows; nothing here is read back as a figure.
 */
export const fullScaleRegistry = {
  newCitySince2021: 117_200,
  elsewhereSince2021: 48_000,
  olderStock: 232_000,
};
export type RegistryScale = typeof fullScaleRegistry;

/** Registrations since 2021 run to the end of the month before the demo's reference date. */
export const sinceDate = '2021-01-01';
const lastDate = '2026-10-31';

const otherTowns = Object.keys(townNamesEn).filter((code) => !newCity.townCodes.includes(code));
const allTowns = Object.keys(townNamesEn);

function segments(scale: RegistryScale): [number, Placement][] {
  return [
    [scale.newCitySince2021, placedBetween(sinceDate, lastDate, newCity.townCodes)],
    [scale.elsewhereSince2021, placedBetween(sinceDate, lastDate, otherTowns)],
    [scale.olderStock, placedBetween('1992-01-01', '2020-12-31', allTowns)],
  ];
}

/** Writes the registry as a CSV file with the Chinese headers a market-regulation export carries. */
export async function writeFullScaleRegistry(file: string, scale: RegistryScale = fullScaleRegistry) {
  async function* lines() {
    yield `${generatedHeaders.join(',')}\n`;
    let offset = 0;
    for (const [index, [count, place]] of segments(scale).entries()) {
      let chunk = '';
      let n = 0;
      for (const row of companyRows(count, 7100 + index, 0, { offset, place })) {
        chunk += `${csvRecord(row)}\n`;
        if (++n % 10_000 === 0) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
      offset += count;
    }
  }
  await pipeline(Readable.from(lines()), fs.createWriteStream(file));
  return scale.newCitySince2021 + scale.elsewhereSince2021 + scale.olderStock;
}
