// Every descriptor code value the district uses, declared once. Records build descriptor URIs through
// `uri()`, whose types only accept declared code values, so every reference resolves to a descriptor
// record. Types without a catalog resource (e.g. StateAbbreviation) are declared for the same check.
import type { CatalogEntry } from "../../lib/catalog.js";
import type { EdfiRecord, Table } from "./types.js";
import { revise } from "./table.js";

export const GRADE_LEVELS = [
  "Kindergarten",
  "First grade",
  "Second grade",
  "Third grade",
  "Fourth grade",
  "Fifth grade",
  "Sixth grade",
  "Seventh grade",
  "Eighth grade",
  "Ninth grade",
  "Tenth grade",
  "Eleventh grade",
  "Twelfth grade",
] as const;

const CODES = {
  AcademicSubject: [
    "English Language Arts",
    "Mathematics",
    "Science",
    "Social Studies",
    "Physical, Health, and Safety Education",
    "Fine and Performing Arts",
    "Foreign Language and Literature",
    "Computer and Information Sciences",
  ],
  AddressType: ["Physical", "Home", "Mailing", "Work", "Temporary"],
  AssessmentCategory: ["State summative assessment 3-8 general", "State high school subject assessment"],
  AssessmentReportingMethod: ["Scale score", "Raw score"],
  AttendanceEventCategory: ["In Attendance", "Excused Absence", "Unexcused Absence", "Tardy"],
  Behavior: ["State Offense", "School Code of Conduct", "School Violation"],
  CalendarEvent: ["Instructional day", "Make-up day", "Holiday", "Teacher only day", "Weather day"],
  CalendarType: ["School"],
  CharterStatus: ["Not a Charter School"],
  ClassroomPosition: ["Teacher of Record"],
  CohortType: ["Academic Intervention", "Attendance Intervention", "Extracurricular Activity", "Tutoring"],
  CohortYearType: ["Ninth grade", "Tenth grade", "Eleventh grade", "Twelfth grade"],
  Disability: [
    "Autism",
    "Emotional Disturbance",
    "Other Health Impairment",
    "Specific Learning Disability",
    "Speech or Language Impairment",
  ],
  DisabilityDesignation: ["Individuals with Disabilities Education Act (IDEA)", "Section 504"],
  Discipline: ["Detention", "In School Suspension", "Out of School Suspension", "Removal from Classroom"],
  EducationalEnvironment: ["Classroom", "Laboratory", "Virtual"],
  EducationOrganizationCategory: ["State Education Agency", "Education Service Center", "Local Education Agency", "School"],
  ElectronicMailType: ["Home/Personal", "Work"],
  ExitWithdrawType: ["End of school year", "Graduated", "Transferred to another school in the district"],
  GradeLevel: GRADE_LEVELS,
  GradeType: ["Grading Period", "Semester", "Final", "Progress Report", "Exam"],
  GradingPeriod: ["First Nine Weeks", "Second Nine Weeks", "Third Nine Weeks", "Fourth Nine Weeks"],
  Language: ["eng", "spa", "vie", "ara", "zho"],
  LanguageUse: ["Home language", "Native language", "Dominant language"],
  LevelOfEducation: ["Bachelor's", "Master's", "Doctorate"],
  LimitedEnglishProficiency: ["Limited", "NotLimited"],
  LocalEducationAgencyCategory: ["Independent"],
  PerformanceLevel: ["Below Basic", "Basic", "Proficient", "Advanced"],
  ProgramType: ["Bilingual", "Gifted and Talented", "Special Education", "Title I Part A", "Other"],
  Race: [
    "American Indian or Alaska Native",
    "Asian",
    "Black - African American",
    "Native Hawaiian - Pacific Islander",
    "White",
  ],
  Relation: ["Mother", "Father", "Grandmother", "Guardian"],
  ResultDatatypeType: ["Integer", "Level"],
  SchoolCategory: ["Elementary School", "Middle School", "High School"],
  SchoolFoodServiceProgramService: ["Free Breakfast", "Free Lunch", "Reduced Price Breakfast", "Reduced Price Lunch"],
  SchoolType: ["Regular"],
  Sex: ["Female", "Male", "Not Selected"],
  StaffClassification: ["Superintendent", "Principal", "Teacher"],
  StateAbbreviation: ["TX"],
  StudentCharacteristic: ["Economic Disadvantaged", "Homeless", "Immigrant", "Parent in Military"],
  StudentParticipationCode: ["Perpetrator"],
  TelephoneNumberType: ["Home", "Mobile", "Work"],
  Term: ["Fall Semester", "Spring Semester"],
  TribalAffiliation: ["Cherokee Nation", "Navajo Nation", "Comanche Nation"],
} as const;

/** Descriptions that say more than the code value. */
const DESCRIPTIONS: Record<string, string> = {
  eng: "English",
  spa: "Spanish",
  vie: "Vietnamese",
  ara: "Arabic",
  zho: "Chinese",
  NotLimited: "Not limited",
};

export type DescriptorName = keyof typeof CODES;
export type Code<N extends DescriptorName> = (typeof CODES)[N][number];

const namespace = (name: string) => `uri://ed-fi.org/${name}Descriptor`;

/** A descriptor reference, e.g. uri://ed-fi.org/SexDescriptor#Female. */
export function uri<N extends DescriptorName>(name: N, code: Code<N>): string {
  return `${namespace(name)}#${code}`;
}

/** One table per catalog descriptor resource ("sexDescriptors" holds the Sex code values). */
export function descriptorTable(entry: CatalogEntry): Table {
  const name = entry.resource[0].toUpperCase() + entry.resource.slice(1).replace(/Descriptors$/, "");
  if (!(name in CODES)) throw new Error(`no code values declared for ${entry.resource}`);
  const codes: readonly string[] = CODES[name as DescriptorName];
  return {
    count: codes.length,
    leaf: false,
    record: (i): EdfiRecord => ({
      codeValue: codes[i],
      description: DESCRIPTIONS[codes[i]] ?? codes[i],
      namespace: namespace(name),
      shortDescription: DESCRIPTIONS[codes[i]] ?? codes[i],
    }),
    update: revise("description"),
  };
}
