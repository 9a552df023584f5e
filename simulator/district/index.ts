// The synthetic school district: a deterministic, lazily generated table for every catalog resource of
// a data standard. Start-up computes only a small skeleton (model.ts) and per-owner record counts;
// each record is produced on demand from the seed and its index.
import { resourcesFor } from "../../lib/catalog.js";
import { assessmentTables } from "./assessments.js";
import { attendanceTables } from "./attendance.js";
import { calendarTables } from "./calendars.js";
import { contactTables } from "./contacts.js";
import { courseTables } from "./courses.js";
import { descriptorTable } from "./descriptors.js";
import { disciplineTables } from "./discipline.js";
import { edorgTables } from "./edorgs.js";
import { gradeTables } from "./grades.js";
import { buildModel } from "./model.js";
import { programTables } from "./programs.js";
import { staffTables } from "./staff.js";
import { studentTables } from "./students.js";
import type { District, DistrictOptions, Table } from "./types.js";

export type { District, DistrictOptions, EdfiRecord, Table } from "./types.js";

export function buildDistrict(options: DistrictOptions): District {
  const m = buildModel(options);
  const tables: Record<string, Table> = {
    ...edorgTables(m),
    ...calendarTables(m),
    ...courseTables(m),
    ...staffTables(m),
    ...studentTables(m),
    ...attendanceTables(m),
    ...gradeTables(m),
    ...assessmentTables(m),
    ...programTables(m),
    ...contactTables(m),
    ...disciplineTables(m),
  };
  // Exactly the catalog's resources of this data standard (e.g. no studentDisciplineIncidentAssociations in DS5).
  return new Map(
    resourcesFor(options.dataStandard).map((entry) => {
      const table = entry.descriptor ? descriptorTable(entry) : tables[entry.resource];
      if (!table) throw new Error(`the district generates no ${entry.resource}`);
      return [entry.resource, table];
    }),
  );
}
