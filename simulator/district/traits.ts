// A student's stable characteristics, shared by the demographics (studentEducationOrganizationAssociations)
// and the program associations so that both tell the same story (a student with a disability is in
// special education, an English learner in the bilingual program, …). The program-relevant flags cost
// one hash each, as the program tables count them for every student at start-up.
import { pick, unit } from "../random.js";
import type { Code } from "./descriptors.js";
import { hispanic, Kind, race } from "./people.js";

export interface StudentTraits {
  hispanic: boolean;
  race: Code<"Race">;
  tribe: Code<"TribalAffiliation"> | undefined;
  language: Code<"Language">;
  englishLearner: boolean;
  disability: Code<"Disability"> | undefined;
  economicallyDisadvantaged: boolean;
  gifted: boolean;
  homeless: boolean;
  military: boolean;
}

const DISABILITIES: Code<"Disability">[] = [
  "Specific Learning Disability",
  "Speech or Language Impairment",
  "Other Health Impairment",
  "Autism",
  "Emotional Disturbance",
];
const TRIBES: Code<"TribalAffiliation">[] = ["Cherokee Nation", "Navajo Nation", "Comanche Nation"];

/** Whether a student has a trait of the given share. Student 0 has every trait, so tiny districts fill every table. */
const has = (seed: number, student: number, tag: number, share: number) => student === 0 || unit(seed, Kind.Student, student, tag) < share;

export const englishLearner = (seed: number, student: number) => has(seed, student, 30, 0.1);
export const disabled = (seed: number, student: number) => has(seed, student, 31, 0.13);
export const economicallyDisadvantaged = (seed: number, student: number) => has(seed, student, 32, 0.5);
export const gifted = (seed: number, student: number) => has(seed, student, 33, 0.08);

export function studentTraits(seed: number, student: number): StudentTraits {
  const isHispanic = hispanic(seed, Kind.Student, student);
  const studentRace = race(seed, Kind.Student, student);
  const learner = englishLearner(seed, student);
  // English learners speak another language at home, as do some bilingual Hispanic students.
  const language: Code<"Language"> = isHispanic
    ? learner || has(seed, student, 34, 0.3)
      ? "spa"
      : "eng"
    : learner
      ? studentRace === "Asian"
        ? pick(["vie", "zho"] as const, seed, student, 34)
        : "ara"
      : "eng";
  return {
    hispanic: isHispanic,
    race: studentRace,
    tribe: studentRace === "American Indian or Alaska Native" && has(seed, student, 35, 0.5) ? pick(TRIBES, seed, student, 35) : undefined,
    language,
    englishLearner: learner,
    disability: disabled(seed, student) ? pick(DISABILITIES, seed, student, 36) : undefined,
    economicallyDisadvantaged: economicallyDisadvantaged(seed, student),
    gifted: gifted(seed, student),
    homeless: has(seed, student, 37, 0.02),
    military: has(seed, student, 38, 0.03),
  };
}
