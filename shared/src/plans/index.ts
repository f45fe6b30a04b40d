// Training plans: the builder, the rules, the one session-duration estimate, progression from
// what was logged, fatigue-aware adjustments and today's session.

export * from "./assessmentLevel.ts";
export * from "./assessmentSchedule.ts";
export * from "./calendarDates.ts";
export * from "./exerciseChoice.ts";
export * from "./fatigue.ts";
export * from "./placement.ts";
export * from "./planBuilder.ts";
export * from "./planEvents.ts";
export * from "./planRules.ts";
export * from "./progression.ts";
export * from "./sessionDuration.ts";
export * from "./todaySession.ts";
