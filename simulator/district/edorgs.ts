// Tables of the education organizations and the feeder pattern.
import { unit } from "../random.js";
import { GRADE_LEVELS, uri, type Code } from "./descriptors.js";
import type { Model } from "./model.js";
import { LEVELS } from "./organizations.js";
import { address, Kind } from "./people.js";
import { schoolRef } from "./references.js";
import { beginLater, revise, variants } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const categories = (category: Code<"EducationOrganizationCategory">) => [
  { educationOrganizationCategoryDescriptor: uri("EducationOrganizationCategory", category) },
];

/** A table of a handful of records. */
const small = (records: EdfiRecord[], leaf = false): Table => ({
  count: records.length,
  leaf,
  record: (i) => records[i],
  update: revise("nameOfInstitution"),
});

export function edorgTables(m: Model): Record<string, Table> {
  const { sea, esc, lea, schools } = m.edorgs;
  // Schools opened before the earliest year; a few moved, so their Physical address has a period.
  const opened = `${m.years[0].year - 12}-07-01`;
  const moved = `${m.years[0].year - 3}-07-01`;
  const feederRecord = (i: number): EdfiRecord => {
    const [feeder, school] = m.edorgs.feeders[i];
    return { beginDate: opened, feederSchoolReference: schoolRef(m, feeder), schoolReference: schoolRef(m, school), feederRelationshipDescription: "Attendance zone" };
  };
  return {
    stateEducationAgencies: small([{ stateEducationAgencyId: sea.id, nameOfInstitution: sea.name, categories: categories("State Education Agency") }]),
    educationServiceCenters: small([
      {
        educationServiceCenterId: esc.id,
        nameOfInstitution: esc.name,
        categories: categories("Education Service Center"),
        stateEducationAgencyReference: { stateEducationAgencyId: sea.id },
      },
    ]),
    localEducationAgencies: small([
      {
        localEducationAgencyId: lea.id,
        nameOfInstitution: lea.name,
        categories: categories("Local Education Agency"),
        localEducationAgencyCategoryDescriptor: uri("LocalEducationAgencyCategory", "Independent"),
        charterStatusDescriptor: uri("CharterStatus", "Not a Charter School"),
        stateEducationAgencyReference: { stateEducationAgencyId: sea.id },
        educationServiceCenterReference: { educationServiceCenterId: esc.id },
      },
    ]),
    schools: small(
      schools.map((school) => {
        const physical = address(m.seed, Kind.School, school.index, "Physical");
        if (unit(m.seed, Kind.School, school.index) < 0.3) physical.periods.push({ beginDate: moved });
        return {
          schoolId: school.id,
          nameOfInstitution: school.name,
          shortNameOfInstitution: school.name.replace(/ School$/, ""),
          educationOrganizationCategories: categories("School"),
          schoolCategories: [{ schoolCategoryDescriptor: uri("SchoolCategory", LEVELS[school.level].category) }],
          schoolTypeDescriptor: uri("SchoolType", "Regular"),
          gradeLevels: LEVELS[school.level].grades.map((g) => ({ gradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[g]) })),
          addresses: [physical, address(m.seed, Kind.School, school.index, "Mailing")],
          localEducationAgencyReference: { localEducationAgencyId: lea.id },
        };
      }),
    ),
    feederSchoolAssociations: {
      count: m.edorgs.feeders.length,
      leaf: true,
      record: feederRecord,
      insert: variants(m.edorgs.feeders.length, feederRecord, beginLater),
      update: revise("feederRelationshipDescription"),
    },
  };
}
