// Tables of staff: people, their assignments (superintendent, principals, teachers) and one teacher of
// record per section.
import { below, unit } from "../random.js";
import { uri, type Code } from "./descriptors.js";
import { openRoster, type Model } from "./model.js";
import { birthDate, email, hispanic, Kind, personName, race, renamed } from "./people.js";
import { edorgRef, sectionRef, staffRef, staffUniqueId } from "./references.js";
import { beginLater, endAfter, revise, variants } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const DOMAIN = "riverbend.example.org";

function education(seed: number, staff: number, classification: Code<"StaffClassification">): Code<"LevelOfEducation"> {
  const u = unit(seed, Kind.Staff, staff, 20);
  if (classification === "Superintendent") return "Doctorate";
  if (classification === "Principal") return u < 0.8 ? "Master's" : "Doctorate";
  return u < 0.55 ? "Bachelor's" : u < 0.95 ? "Master's" : "Doctorate";
}

export function staffTables(m: Model): Record<string, Table> {
  const { seed, staff, schedule } = m;
  const firstYear = m.years[0].year;
  /** Years of experience in the district before the first school year. */
  const tenure = (i: number) => below(25, seed, Kind.Staff, i, 21);
  const hired = (i: number) => `${firstYear - 1 - tenure(i)}-08-01`;

  const assignment = (i: number): EdfiRecord => {
    const { classification, school } = staff.role(i);
    return {
      beginDate: hired(i),
      educationOrganizationReference: edorgRef(school === undefined ? m.edorgs.lea.id : m.edorgs.schools[school].id),
      staffClassificationDescriptor: uri("StaffClassification", classification),
      staffReference: staffRef(i),
      positionTitle: classification,
    };
  };

  return {
    staffs: {
      count: staff.count,
      leaf: false,
      record: (i) => {
        const { classification } = staff.role(i);
        const name = personName(seed, Kind.Staff, i);
        const level = education(seed, i, classification);
        const experience = tenure(i) + below(6, seed, Kind.Staff, i, 22);
        return {
          staffUniqueId: staffUniqueId(i),
          personalTitlePrefix: level === "Doctorate" ? "Dr." : name.sex === "Female" ? "Ms." : "Mr.",
          firstName: name.firstName,
          middleName: name.middleName,
          lastSurname: name.lastSurname,
          sexDescriptor: uri("Sex", name.sex),
          birthDate: birthDate(seed, Kind.Staff, i, `${firstYear - 24 - experience - below(15, seed, Kind.Staff, i, 23)}-01-01`),
          hispanicLatinoEthnicity: hispanic(seed, Kind.Staff, i),
          races: [{ raceDescriptor: uri("Race", race(seed, Kind.Staff, i)) }],
          highestCompletedLevelOfEducationDescriptor: uri("LevelOfEducation", level),
          yearsOfPriorProfessionalExperience: experience,
          yearsOfPriorTeachingExperience: classification === "Teacher" ? experience : experience - Math.min(experience, 8),
          loginId: `${name.firstName[0]}${name.lastSurname}${i}`.toLowerCase(),
          electronicMails: [{ electronicMailAddress: email(name, i, DOMAIN), electronicMailTypeDescriptor: uri("ElectronicMailType", "Work") }],
        };
      },
      update: renamed,
    },
    staffSectionAssociations: {
      count: schedule.sectionCount,
      leaf: true,
      record: (g) => {
        const { offering, k } = schedule.section(g);
        const { days, sessions } = m.years[offering.t];
        return {
          beginDate: days[sessions[offering.session].first],
          ...(!openRoster(m, offering.t, offering.session) && { endDate: days[sessions[offering.session].end - 1] }),
          staffReference: staffRef(staff.teaching(offering, k).teacher),
          sectionReference: sectionRef(m, g),
          classroomPositionDescriptor: uri("ClassroomPosition", "Teacher of Record"),
        };
      },
      // The teacher left some weeks into the session.
      update: endAfter(60, 20),
    },
    staffEducationOrganizationAssignmentAssociations: {
      count: staff.count,
      leaf: true,
      record: assignment,
      insert: variants(staff.count, assignment, beginLater),
      update: revise("positionTitle"),
    },
  };
}
