// Reads an iCalendar file on stdin, parses it with Mozilla's ical.js (Thunderbird's parser)
// and prints what it understood as JSON: the calendar's properties, its time zones and, for
// each event, the fields the tests compare. Times are resolved with the file's own VTIMEZONE
// definitions, as a calendar client would.
import ICAL from "ical.js";

// ical.js leaves properties it does not know unparsed (escapes and all); RFC 5545 reads
// X- properties as TEXT by default, and RFC 7986 defines NAME as TEXT. Tell it so.
for (const name of ["name", "x-wr-calname", "x-wr-caldesc", "x-wr-timezone"]) {
  ICAL.design.icalendar.property[name] = { defaultType: "text" };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));

const timezones = calendar.getAllSubcomponents("vtimezone").map((component) => {
  const zone = new ICAL.Timezone(component);
  ICAL.TimezoneService.register(zone, zone.tzid);
  return zone.tzid;
});

function time(value) {
  if (!value) return null;
  return {
    local: value.toString(),
    is_date: value.isDate,
    tzid: value.isDate ? null : value.zone.tzid,
    utc_offset: value.isDate ? null : value.utcOffset(),
    utc: value.isDate ? null : value.toJSDate().toISOString(),
  };
}

const property = (name) => calendar.getFirstPropertyValue(name);
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: component.getFirstPropertyValue("status"),
    sequence: event.sequence,
    url: component.getFirstPropertyValue("url"),
    organizer: component.getFirstPropertyValue("organizer"),
    organizer_name: component.getFirstProperty("organizer")?.getParameter("cn") ?? null,
    dtstamp: component.getFirstPropertyValue("dtstamp").toString(),
    last_modified: component.getFirstPropertyValue("last-modified")?.toString() ?? null,
    start: time(event.startDate),
    end: time(event.endDate),
  };
});

console.log(
  JSON.stringify({
    name: property("name"),
    x_wr_calname: property("x-wr-calname"),
    description: property("description"),
    method: property("method"),
    refresh_interval: property("refresh-interval")?.toString() ?? null,
    x_published_ttl: property("x-published-ttl"),
    x_wr_timezone: property("x-wr-timezone"),
    timezones,
    events,
  }),
);
