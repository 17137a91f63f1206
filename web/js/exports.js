// CSV exports of the map tools' results — hazard points of a radius or area query, the nearest
// shelters — with headers in the page's language. A column of responsible_phone appears only when the
// server sent that field, which it does only to accounts that may read phones (api.md §4).
import { t, addTexts, categoryName } from './i18n.js';
import { csvText, offerCsv } from './csv.js';
import { localDateTime } from './format.js';

addTexts({
  zh: { col_rank: '序号', col_distance_m: '距离（米）', col_bearing_deg: '方位角（度）', col_lon: '经度', col_lat: '纬度' },
  en: { col_rank: 'Rank', col_distance_m: 'Distance (m)', col_bearing_deg: 'Bearing (°)', col_lon: 'Longitude', col_lat: 'Latitude' },
});

const tenths = (v) => (v === undefined || v === null ? '' : Math.round(v * 10) / 10);
const prop = (name) => (f) => f.properties[name];
/** Present in the answer: for a field the server sends to some callers or to some queries only. */
const sent = (name) => (features) => features.some((f) => name in f.properties);

/** Columns: header key, value of a feature, and (optional) whether the column belongs in this file. */
const HAZARD_COLUMNS = [
  ['f_id', (f) => f.id],
  ['f_name', prop('name')],
  ['f_category', (f) => categoryName(f.properties.category)],
  ['f_risk_level', prop('risk_level')],
  ['f_status', (f) => t('st_' + f.properties.status)],
  ['col_distance_m', (f) => tenths(f.properties.distance_m), sent('distance_m')],
  ['col_bearing_deg', (f) => tenths(f.properties.bearing_deg), sent('bearing_deg')],
  ['f_threatened_people', prop('threatened_people')],
  ['f_admin_code', prop('admin_code')],
  ['f_county', prop('county')],
  ['f_township', prop('township')],
  ['f_village', prop('village')],
  ['f_responsible_person', prop('responsible_person')],
  ['f_responsible_phone', prop('responsible_phone'), sent('responsible_phone')],
  ['f_responsible_unit', prop('responsible_unit')],
  ['col_lon', (f) => f.geometry.coordinates[0]],
  ['col_lat', (f) => f.geometry.coordinates[1]],
];
const SHELTER_COLUMNS = [
  ['col_rank', (f, i) => i + 1],
  ['f_id', (f) => f.id],
  ['f_name', prop('name')],
  ['col_distance_m', (f) => tenths(f.properties.distance_m)],
  ['f_capacity', prop('capacity')],
  ['f_shelter_type', prop('shelter_type')],
  ['f_address', prop('address')],
  ['f_admin_code', prop('admin_code')],
  ['col_lon', (f) => f.geometry.coordinates[0]],
  ['col_lat', (f) => f.geometry.coordinates[1]],
];

/** The features as CSV text in {@code columns}' order, leaving out the columns that do not apply to them. */
function featuresCsv(columns, features) {
  const used = columns.filter(([, , applies]) => !applies || applies(features));
  return csvText(used.map(([key]) => t(key)), features.map((f, i) => used.map(([, value]) => value(f, i))));
}

export const hazardsCsv = (features) => featuresCsv(HAZARD_COLUMNS, features);
export const sheltersCsv = (features) => featuresCsv(SHELTER_COLUMNS, features);

/** Offers a tool's result for download: {@code kind} radius | area | shelters, {@code name} the file's name without ".csv". */
export function offerResultCsv(kind, features, name) {
  offerCsv(name + '.csv', kind === 'shelters' ? sheltersCsv(features) : hazardsCsv(features));
}

/** Now as 20261204-1930, for file names. */
export const fileStamp = () => localDateTime().replace(/-/g, '').replace(' ', '-').replace(':', '');
