// Dataform unit test(s) of the AMT RLS views (AMT-SPEC §5, §12.4); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("rls")) {
  const { rows, date, timestamp, none, asOfPlus, declareTest: declare } = amt_tests;
  const classification = (code) => `uri://ed-fi.org/StaffClassificationDescriptor#${code}`;
  const scope = (ConstantName, code) => ({ ConstantName, DescriptorType: "staffClassificationDescriptors", DescriptorUri: classification(code), CodeValue: code });
  // The §12.4 defaults plus a district's Substitute Teacher → Section; Counselor stays unmapped.
  const scopes = rows([
    scope("AuthorizationScope.District", "Superintendent"),
    scope("AuthorizationScope.School", "Principal"),
    scope("AuthorizationScope.Section", "Teacher"),
    scope("AuthorizationScope.Section", "Substitute Teacher"),
    { ConstantName: "Email.Work", DescriptorType: "electronicMailTypeDescriptors", DescriptorUri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Work", CodeValue: "Work" },
  ]);
  const assignment = (staff, edorg, code, end) => ({
    school_year: 2025, begin_date: date("2020-08-01"), education_organization_id: edorg, staff_classification_descriptor: code,
    staff_classification_descriptor_uri: classification(code), staff_unique_id: staff, end_date: end,
  });
  // SUP district-wide; PRI school 1; TCH and SUB sections at school 1; CNS unmapped; OLD ends tomorrow
  // (current, but not open-ended); GONE ended today; GHOST has no staff record.
  const assignments = rows([
    assignment("SUP", 10, "Superintendent", none("DATE")),
    assignment("PRI", 1, "Principal", none("DATE")),
    assignment("TCH", 1, "Teacher", none("DATE")),
    assignment("SUB", 1, "Substitute Teacher", none("DATE")),
    assignment("CNS", 1, "Counselor", none("DATE")),
    assignment("OLD", 2, "Principal", asOfPlus(1)),
    assignment("GONE", 2, "Principal", asOfPlus(0)),
    assignment("GHOST", 1, "Principal", none("DATE")),
  ]);
  const ref = (school, id) => ({ local_course_code: "ALG", school_id: school, section_school_year: 2025, section_identifier: id, session_name: "Fall" });
  // TCH: A current, B ended today, C at another school than the assignment's; SUB: A.
  const staffSections = rows(
    [["TCH", 1, "A", none("DATE")], ["TCH", 1, "B", asOfPlus(0)], ["TCH", 2, "C", none("DATE")], ["SUB", 1, "A", asOfPlus(1)]].map(([staff, school, id, end]) => ({
      school_year: 2025, begin_date: date("2024-08-19"), staff_unique_id: staff, ...ref(school, id), end_date: end,
    })),
  );
  // A section's API id: 32 hex digits, as the API sends them (the letters are hex digits).
  const sectionId = (identifier) => identifier.toLowerCase().repeat(32);
  const sections = rows(
    [[1, "A"], [1, "B"], [2, "C"]].map(([school, id]) => ({
      id: sectionId(id), school_year: 2025, local_course_code: "ALG", school_id: school, course_offering_school_year: 2025, section_identifier: id, session_name: "Fall",
    })),
  );
  const staffs = rows(["SUP", "PRI", "TCH", "SUB", "CNS", "OLD", "GONE"].map((id) => ({ id, school_year: 2025, staff_unique_id: id, last_modified_date: timestamp("2024-07-01 00:00:00") })));

  const authorization = (UserKey, UserScope, SectionPermission, SectionKeyPermission, SchoolPermission, DistrictId) => ({
    UserKey, UserScope: `AuthorizationScope.${UserScope}`, StudentPermission: "ALL", SectionPermission, SectionKeyPermission, SchoolPermission, DistrictId,
  });
  declare(
    "test_rls_UserAuthorization_scopes",
    "rls_UserAuthorization",
    {
      stg_staff_education_organization_assignment_associations: assignments,
      DescriptorMap: scopes,
      stg_staffs: staffs,
      stg_staff_section_associations: staffSections,
      stg_sections: sections,
    },
    rows([
      authorization("SUP", "District", "ALL", "ALL", "ALL", "10"),
      authorization("PRI", "School", "ALL", "ALL", "1", ""),
      authorization("TCH", "Section", sectionId("A"), "1-ALG-2025-A-Fall", "1", ""),
      authorization("SUB", "Section", sectionId("A"), "1-ALG-2025-A-Fall", "1", ""),
    ]),
  );

  // Students: s1 at school 1 and s2 at school 2 (LEA 10) current, s3 left school 1 today, s4 at school 3
  // of another LEA. Sections: s1 in A and B, s3 in A until today, s2 in B (whose teacher assignment has
  // ended: the section branch does not filter it, as AMT).
  const enrollment = (student, school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: student, exit_withdraw_date: exit });
  const studentSection = (student, id, end) => ({ school_year: 2025, begin_date: date("2024-08-19"), ...ref(1, id), student_unique_id: student, end_date: end });
  declare(
    "test_rls_UserStudentDataAuthorization_scopes",
    "rls_UserStudentDataAuthorization",
    {
      stg_staff_education_organization_assignment_associations: assignments,
      DescriptorMap: scopes,
      stg_schools: rows([[1, 10], [2, 10], [3, 20]].map(([school, lea]) => ({ school_year: 2025, school_id: school, local_education_agency_id: lea }))),
      stg_student_school_associations: rows([enrollment("s1", 1, none("DATE")), enrollment("s2", 2, asOfPlus(1)), enrollment("s3", 1, asOfPlus(0)), enrollment("s4", 3, none("DATE"))]),
      stg_staff_section_associations: staffSections,
      stg_student_section_associations: rows([studentSection("s1", "A", none("DATE")), studentSection("s1", "B", none("DATE")), studentSection("s3", "A", asOfPlus(0)), studentSection("s2", "B", asOfPlus(1))]),
    },
    rows(
      [["SUP", "s1"], ["SUP", "s2"], ["PRI", "s1"], ["GHOST", "s1"], ["OLD", "s2"], ["TCH", "s1"], ["TCH", "s2"], ["SUB", "s1"]].map(([UserKey, StudentKey]) => ({ UserKey, StudentKey })),
    ),
  );

  // Only e-mails whose type is mapped to Email.Work; LastModifiedDate also counts the type descriptor.
  const mailType = (code) => `uri://ed-fi.org/ElectronicMailTypeDescriptor#${code}`;
  const mail = (staff, address, code) => ({ parent_id: staff, school_year: 2025, staff_unique_id: staff, electronic_mail_address: address, electronic_mail_type_descriptor_uri: mailType(code) });
  declare(
    "test_rls_UserDim_work_emails",
    "rls_UserDim",
    {
      stg_staffs: staffs,
      stg_staffs__electronic_mails: rows([mail("SUP", "sup@work.org", "Work"), mail("SUP", "sup@home.org", "Home/Personal"), mail("PRI", "pri@work.org", "Work")]),
      DescriptorMap: scopes,
      stg_electronic_mail_type_descriptors: rows([{ school_year: 2025, namespace: "uri://ed-fi.org/ElectronicMailTypeDescriptor", code_value: "Work", uri: mailType("Work"), last_modified_date: timestamp("2024-08-01 00:00:00") }]),
    },
    rows([
      { UserKey: "SUP", UserEmail: "sup@work.org", LastModifiedDate: timestamp("2024-08-01 00:00:00") },
      { UserKey: "PRI", UserEmail: "pri@work.org", LastModifiedDate: timestamp("2024-08-01 00:00:00") },
    ]),
  );

  declare(
    "test_rls_StaffClassificationDescriptorScopeList_effective_scopes",
    "rls_StaffClassificationDescriptorScopeList",
    { DescriptorMap: scopes },
    rows([
      ["District", "Superintendent"],
      ["School", "Principal"],
      ["Section", "Teacher"],
      ["Section", "Substitute Teacher"],
    ].map(([name, CodeValue]) => ({ AuthorizationScopeName: `AuthorizationScope.${name}`, CodeValue }))),
  );
}
