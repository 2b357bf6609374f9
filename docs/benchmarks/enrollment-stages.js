// Where an enrollment's time went, from the event log: for every request, the times (the events' own timestamps,
// taken when each command was handled) of the request on the course, the child's time held in their schedule, and
// the course's decision (seat or queue); and, for requests that waited for an earlier request (cleared), from then
// to the decision. Read-only.
//
// After `bench/run rush` (its data folder is left in the temporary folder, /tmp/rush-bench…/data):
//   PLATFORM_DATA_DIR=/tmp/rush-bench…/data PLATFORM_STORE_PORT=27777 java -jar frontend-api/target/community-platform-exec.jar store
//   mongosh --quiet mongodb://127.0.0.1:27777/platform docs/benchmarks/enrollment-stages.js
const requested = {}, held = {}, cleared = {}, decided = {};
const times = { EnrollmentRequestedEvent: requested, CourseSlotsReservedEvent: held, EnrollmentClearedEvent: cleared,
               ChildEnrolledEvent: decided, ChildWaitlistedEvent: decided };
db.eventCommits.find({ aggregateType: { $in: ['Course', 'ChildSchedule'] } }).forEach(commit => commit.events.forEach(e => {
  const of = times[e.payloadType.split('.').pop()];
  if (of && e.payload.enrollmentId) {
    of[e.payload.enrollmentId] = Date.parse(e.timestamp.substring(0, 23) + 'Z');
  }
}));
const stages = { 'request to time held': [], 'time held to decision': [], 'request to decision': [],
                 'cleared to decision': [] };
Object.keys(requested).filter(id => held[id] && decided[id]).forEach(id => {
  stages['request to time held'].push(held[id] - requested[id]);
  stages['time held to decision'].push(decided[id] - held[id]);
  stages['request to decision'].push(decided[id] - requested[id]);
  if (cleared[id]) {
    stages['cleared to decision'].push(decided[id] - cleared[id]);
  }
});
const quantile = (sorted, q) => sorted[Math.floor(q * (sorted.length - 1))];
Object.entries(stages).forEach(([stage, ms]) => {
  const sorted = ms.sort((a, b) => a - b);
  print(`${stage}: ${sorted.length} requests, p50 ${quantile(sorted, .5)} ms, p90 ${quantile(sorted, .9)} ms, `
        + `p99 ${quantile(sorted, .99)} ms, max ${quantile(sorted, 1)} ms`);
});
