// DateTime/DateTimeOffset/TimeSpan/DateOnly/TimeOnly with fixed values only (never the current time):
// standard formats ("o", "R", "s", "u", "d", "D", "f", "F", "g", "G", "M", "Y", "t", "T") and custom
// formats under the invariant culture, arithmetic across month ends, leap years and DST-free
// offsets, DayOfWeek/DayOfYear, ticks, Unix time, ParseExact/TryParseExact with styles, TimeSpan
// formats ("c", "g", "G", custom) and parsing, ISO week numbers. Time zones other than UTC and
// fixed offsets are not used (the image has no tz database). Exit status = failed self-checks.
using System.Globalization;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var inv = CultureInfo.InvariantCulture;

var dates = new[]
{
    new DateTime(2024, 2, 29, 13, 45, 30, 123, DateTimeKind.Utc).AddTicks(4567),
    new DateTime(1999, 12, 31, 23, 59, 59, 999, DateTimeKind.Unspecified),
    new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    new DateTime(1, 1, 1), DateTime.MaxValue, DateTime.UnixEpoch,
    new DateTime(2023, 7, 4, 7, 5, 3, DateTimeKind.Utc),
};
string[] std = { "o", "O", "R", "s", "u", "d", "D", "f", "F", "g", "G", "M", "Y", "t", "T" };
string[] custom = { "yyyy-MM-dd HH:mm:ss.fff", "dddd, dd MMMM yyyy", "ddd MMM d yy h:mm tt", "HH:mm:ss.FFFFFFF", "yyyyMMddTHHmmssfffffffK", "%d/%M/%y", "'quoted' \\H H", "gg yyyy" }; // no "zzz"/Local kinds: they read the local time zone
foreach (var d in dates)
{
    Console.WriteLine($"{d.Ticks} kind {d.Kind} dow {d.DayOfWeek} doy {d.DayOfYear} leap {DateTime.IsLeapYear(d.Year)} days-in-month {DateTime.DaysInMonth(d.Year, d.Month)}");
    Console.WriteLine("  " + string.Join(" | ", std.Select(f => f + "=" + d.ToString(f, inv))));
    Console.WriteLine("  " + string.Join(" | ", custom.Select(f => f + "=" + d.ToString(f, inv))));
}

// Arithmetic
var jan31 = new DateTime(2023, 1, 31);
Console.WriteLine($"AddMonths: {jan31.AddMonths(1):yyyy-MM-dd} {jan31.AddMonths(13):yyyy-MM-dd} {new DateTime(2024, 2, 29).AddYears(1):yyyy-MM-dd} {new DateTime(2024, 2, 29).AddYears(4):yyyy-MM-dd} {jan31.AddMonths(-2):yyyy-MM-dd}");
Console.WriteLine($"AddDays/Hours: {jan31.AddDays(29.5):o} {jan31.AddHours(-0.25):o} {jan31.AddMilliseconds(1.5):o} {jan31.AddMicroseconds(7):o}");
var span = new DateTime(2024, 3, 1) - new DateTime(2023, 3, 1);
Console.WriteLine($"2023-03-01 -> 2024-03-01: {span.TotalDays} days; 1900-01-01 -> 2100-01-01: {(new DateTime(2100, 1, 1) - new DateTime(1900, 1, 1)).TotalDays}");
Console.WriteLine($"leap years 1896-1912, 1996-2004, 2100, 2400: {string.Join(",", new[] { 1896, 1900, 1904, 1912, 1996, 2000, 2004, 2100, 2400 }.Select(y => DateTime.IsLeapYear(y) ? y + "L" : y.ToString()))}");
Console.WriteLine($"DayOfWeek of 1st of each month 2024: {string.Join(" ", Enumerable.Range(1, 12).Select(m => new DateTime(2024, m, 1).DayOfWeek.ToString()[..3]))}");
Console.WriteLine($"ISO weeks: {string.Join(" ", new[] { new DateTime(2021, 1, 3), new DateTime(2021, 1, 4), new DateTime(2020, 12, 31), new DateTime(2026, 12, 31), new DateTime(2027, 1, 1) }.Select(x => $"{x:yyyy-MM-dd}=W{ISOWeek.GetWeekOfYear(x)}/{ISOWeek.GetYear(x)}"))}");
try { DateTime.MaxValue.AddDays(1); } catch (ArgumentOutOfRangeException) { Console.WriteLine("MaxValue.AddDays(1): ArgumentOutOfRangeException"); }
Console.WriteLine($"Date/TimeOfDay: {dates[0].Date:o} {dates[0].TimeOfDay} Compare {DateTime.Compare(dates[0], dates[1])} Equals-ignores-kind {new DateTime(5, DateTimeKind.Utc) == new DateTime(5, DateTimeKind.Local)}");

// Unix time and DateTimeOffset
var dto = new DateTimeOffset(2024, 2, 29, 13, 45, 30, 123, TimeSpan.FromHours(5.5));
Console.WriteLine($"DTO: {dto:o} | {dto:R} | {dto:u} | {dto:yyyy-MM-dd HH:mm:ss zzz} | {dto.UtcDateTime:o} | unix s {dto.ToUnixTimeSeconds()} ms {dto.ToUnixTimeMilliseconds()} | offset {dto.Offset}");
Console.WriteLine($"DTO ToOffset(-8): {dto.ToOffset(TimeSpan.FromHours(-8)):o} same instant {dto.ToOffset(TimeSpan.FromHours(-8)) == dto} EqualsExact {dto.EqualsExact(dto.ToOffset(TimeSpan.Zero))}");
Console.WriteLine($"FromUnixTime: {DateTimeOffset.FromUnixTimeSeconds(1_700_000_000):o} {DateTimeOffset.FromUnixTimeMilliseconds(-1):o} {DateTimeOffset.FromUnixTimeSeconds(253402300799):o}");
Console.WriteLine($"DTO arithmetic: {dto.AddMonths(1):o} {(dto - new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalHours:R}");

// Parsing
foreach (var (s, f) in new[] { ("2024-02-29 13:45:30.123", "yyyy-MM-dd HH:mm:ss.fff"), ("29/02/2024", "dd/MM/yyyy"), ("2023-02-29", "yyyy-MM-dd"), ("20240229T134530Z", "yyyyMMdd'T'HHmmss'Z'"), ("Thu, 29 Feb 2024 13:45:30 GMT", "R"), ("2024-02-29T13:45:30.1234567+05:30", "o"), ("2024-3-4 12:5 PM", "yyyy-M-d h:m tt"), ("  2024-01-01", "yyyy-MM-dd") })
{
    bool ok = DateTime.TryParseExact(s, f, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed);
    Console.WriteLine($"ParseExact [{s}] [{f}]: {ok} {(ok ? parsed.ToString("o") + " " + parsed.Kind : "")} AllowWhite {DateTime.TryParseExact(s, f, inv, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _)}");
}
foreach (var s in new[] { "2024-02-29", "2024-02-29T13:45:30", "2024-02-29T13:45:30Z", "2024-02-29T13:45:30.5+01:00", "Feb 29 2024", "29 February 2024 1:00 PM", "2/29/2024", "not a date", "2023-02-29" })
    Console.WriteLine($"Parse [{s}]: {(DateTime.TryParse(s, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var p) ? p.ToString("o") : "fail")} DTO {(DateTimeOffset.TryParse(s, inv, DateTimeStyles.AssumeUniversal, out var po) ? po.ToString("o") : "fail")}");
Check(DateTime.ParseExact(dates[0].ToString("o"), "o", inv, DateTimeStyles.RoundtripKind) == dates[0], "o round-trip");
Check(DateTimeOffset.Parse(dto.ToString("o"), inv) == dto, "dto o round-trip");

// TimeSpan
var spans = new[] { TimeSpan.Zero, TimeSpan.FromTicks(1), new TimeSpan(1, 2, 3, 4, 5), TimeSpan.FromHours(-36.75), TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromMilliseconds(1234.5678), TimeSpan.FromDays(10000) };
foreach (var t in spans)
    Console.WriteLine($"TimeSpan {t.Ticks}: c={t:c} g={t:g} G={t:G} custom={t.ToString(@"d\.hh\:mm\:ss\.fff", inv)} total h {t.TotalHours:R} parts {t.Days}/{t.Hours}/{t.Minutes}/{t.Seconds}/{t.Milliseconds}/{t.Microseconds}/{t.Nanoseconds}");
foreach (var s in new[] { "1:02:03", "1.02:03:04.5", "-00:00:01", "10", "1:60:00", "00:00:00.12345678", "24:00:00", "abc" })
    Console.WriteLine($"TimeSpan.Parse [{s}]: {(TimeSpan.TryParse(s, inv, out var ts) ? ts.ToString("c") : "fail")}");
Console.WriteLine($"TimeSpan ops: {TimeSpan.FromMinutes(90) * 2.5} {TimeSpan.FromHours(1) / 7} {TimeSpan.FromHours(10) / TimeSpan.FromMinutes(45):R} {-TimeSpan.FromSeconds(5)} {TimeSpan.FromSeconds(1.23456789)} {TimeSpan.FromDays(1, 2, 3, 4, 5, 6)}");
try { _ = TimeSpan.MaxValue + TimeSpan.FromTicks(1); } catch (OverflowException) { Console.WriteLine("TimeSpan overflow: OverflowException"); }

// DateOnly / TimeOnly
var dOnly = new DateOnly(2024, 2, 29);
var tOnly = new TimeOnly(23, 59, 59, 999);
Console.WriteLine($"DateOnly: {dOnly:o} {dOnly.AddDays(1)} {dOnly.AddYears(1)} {dOnly.DayNumber} {dOnly.DayOfWeek} {DateOnly.FromDayNumber(0)} {DateOnly.ParseExact("2024-12-25", "yyyy-MM-dd", inv):D}");
Console.WriteLine($"TimeOnly: {tOnly:o} {tOnly.AddMinutes(2)} {tOnly.Add(TimeSpan.FromHours(3), out int wrapped)} wrapped {wrapped} {tOnly.IsBetween(new TimeOnly(22, 0), new TimeOnly(2, 0))} {new TimeOnly(13, 5):t} {TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(75))}");
Console.WriteLine($"DateOnly+TimeOnly: {dOnly.ToDateTime(tOnly):o}");

// Calendars and culture data available in invariant mode
var cal = CultureInfo.InvariantCulture.Calendar;
Console.WriteLine($"invariant calendar: {cal.GetType().Name} weeks(FirstFourDayWeek) {cal.GetWeekOfYear(new DateTime(2024, 12, 30), CalendarWeekRule.FirstFourDayWeek, DayOfWeek.Monday)} month names {string.Join(",", inv.DateTimeFormat.AbbreviatedMonthNames.Take(12))}");
Console.WriteLine($"failures: {failures}");
return failures;
