// Discipline: about 8% of student-years have one to three incidents, each with one offending student,
// one behavior and one discipline action. Incidents, their student associations and actions share
// the record index, so they reference each other without lookups.
import { below, pick, unit } from "../random.js";
import { uri, type Code } from "./descriptors.js";
import type { Model } from "./model.js";
import { schoolRef, staffRef, studentRef, studentUniqueId } from "./references.js";
import { sessionOfDay } from "./schoolYear.js";
import { Groups, pad, revise, variants } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const INCIDENT = 0x696e6364;
const INVOLVED_SHARE = 0.08;

const BEHAVIORS: { behavior: Code<"Behavior">; share: number; description: string; actions: Code<"Discipline">[] }[] = [
  { behavior: "State Offense", share: 0.2, description: "Fighting", actions: ["Out of School Suspension", "In School Suspension"] },
  { behavior: "School Code of Conduct", share: 0.8, description: "Disruptive behavior", actions: ["In School Suspension", "Detention"] },
  { behavior: "School Violation", share: 1, description: "Dress code violation", actions: ["Detention", "Removal from Classroom"] },
];

export function disciplineTables(m: Model): Record<string, Table> {
  const { roster, seed, staff } = m;
  const incidents = new Groups(roster.studentYears, (u) => {
    const student = roster.studentOf(u);
    const year = m.years[roster.yearOf(u)].year;
    const involved = roster.isExemplar(u) || unit(seed, INCIDENT, student, year) < INVOLVED_SHARE;
    return involved ? 1 + below(3, seed, INCIDENT, student, year, 1) : 0;
  });

  const incident = (i: number) => {
    const placement = roster.placement(incidents.owner(i));
    const plan = m.years[placement.t];
    const day = below(plan.days.length, seed, INCIDENT, i, 2);
    const school = placement.schools[sessionOfDay(plan, day)];
    const u = unit(seed, INCIDENT, i, 3);
    return {
      identifier: `INC-${pad(i + 1, 6)}`,
      date: plan.days[day],
      school,
      student: placement.student,
      ...BEHAVIORS.find((b) => u < b.share)!,
    };
  };
  type Incident = ReturnType<typeof incident>;
  const incidentRef = (x: Incident) => ({ incidentIdentifier: x.identifier, schoolId: m.edorgs.schools[x.school].id });
  const studentIncidentRef = (x: Incident) => ({ ...incidentRef(x), studentUniqueId: studentUniqueId(x.student) });

  const action = (i: number): EdfiRecord => {
    const x = incident(i);
    const discipline = pick(x.actions, seed, INCIDENT, i, 4);
    const days = discipline === "Detention" || discipline === "Removal from Classroom" ? 1 : 1 + below(4, seed, INCIDENT, i, 5);
    return {
      disciplineActionIdentifier: `DA-${pad(i + 1, 6)}`,
      disciplineDate: x.date,
      studentReference: studentRef(x.student),
      disciplines: [{ disciplineDescriptor: uri("Discipline", discipline) }],
      studentDisciplineIncidentBehaviorAssociations: [
        { studentDisciplineIncidentBehaviorAssociationReference: { behaviorDescriptor: uri("Behavior", x.behavior), ...studentIncidentRef(x) } },
      ],
      ...(m.ds === 4 && { studentDisciplineIncidentAssociations: [{ studentDisciplineIncidentAssociationReference: studentIncidentRef(x) }] }),
      responsibilitySchoolReference: schoolRef(m, x.school),
      staffs: [{ staffReference: staffRef(staff.principal(x.school)) }],
      disciplineActionLength: days,
      actualDisciplineActionLength: days,
    };
  };

  return {
    disciplineIncidents: {
      count: incidents.total,
      leaf: false,
      record: (i) => {
        const { identifier, date, school, behavior, description } = incident(i);
        return {
          incidentIdentifier: identifier,
          schoolReference: schoolRef(m, school),
          incidentDate: date,
          incidentDescription: description,
          behaviors: [{ behaviorDescriptor: uri("Behavior", behavior) }],
          // DS5 dropped the reporting staff member from incidents.
          ...(m.ds === 4 && { staffReference: staffRef(staff.principal(school)) }),
        };
      },
      update: revise("incidentDescription"),
    },
    studentDisciplineIncidentAssociations: {
      count: incidents.total,
      leaf: false,
      record: (i) => {
        const x = incident(i);
        return {
          disciplineIncidentReference: incidentRef(x),
          studentReference: studentRef(x.student),
          studentParticipationCodeDescriptor: uri("StudentParticipationCode", "Perpetrator"),
        };
      },
    },
    studentDisciplineIncidentBehaviorAssociations: {
      count: incidents.total,
      leaf: false,
      record: (i) => {
        const x = incident(i);
        return {
          behaviorDescriptor: uri("Behavior", x.behavior),
          disciplineIncidentReference: incidentRef(x),
          studentReference: studentRef(x.student),
          behaviorDetailedDescription: x.description,
        };
      },
      update: revise("behaviorDetailedDescription"),
    },
    disciplineActions: {
      count: incidents.total,
      leaf: true,
      record: action,
      // A further action for the same incident.
      insert: variants(incidents.total, action, (record, n) => ({ ...record, disciplineActionIdentifier: `${record.disciplineActionIdentifier}-${n}` })),
      // The action was cut short or extended by a day.
      update: (record, revision) => ({ ...record, actualDisciplineActionLength: Number(record.disciplineActionLength) + (revision % 2 === 1 ? 1 : -1) }),
    },
  };
}
