// Events: field-like events (+=/-= and null when empty), custom add/remove accessors backed by a
// list or an EventHandlerList-style dictionary, EventHandler<TEventArgs> with custom EventArgs
// (cancellation flag written by handlers and read back by the raiser), static events, virtual
// and abstract events overridden in derived classes, interface events, handlers unsubscribing
// themselves during a raise (the raise uses the snapshot), and handler exceptions. Exit status =
// failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

var log = new List<string>();

// Field-like event.
var button = new Button("ok");
Check("no subscribers", button.HasSubscribers, false);
button.Raise();
EventHandler<ClickEventArgs> h1 = (s, e) => log.Add($"h1 {((Button)s!).Name} {e.Count}");
EventHandler<ClickEventArgs> h2 = (s, e) => log.Add($"h2 {e.Count}");
button.Clicked += h1;
button.Clicked += h2;
button.Raise();
button.Clicked -= h1;
button.Raise();
button.Clicked -= h2;
button.Raise();
Check("field-like event log", string.Join("; ", log), "h1 ok 2; h2 2; h2 3");
Check("empty again", button.HasSubscribers, false);

// Custom EventArgs with a cancel flag.
log.Clear();
var doc = new Document();
doc.Closing += (_, e) => log.Add("first");
doc.Closing += (_, e) => { log.Add("veto " + e.Reason); e.Cancel = true; };
doc.Closing += (_, e) => log.Add("third sees cancel=" + e.Cancel);
Check("close cancelled", doc.TryClose("unsaved"), false);
Check("cancel handler order", string.Join(", ", log), "first, veto unsaved, third sees cancel=True");

// Custom accessors.
log.Clear();
var bus = new Bus();
Action<string> l1 = m => log.Add("l1:" + m);
Action<string> l2 = m => log.Add("l2:" + m);
bus.Message += l1;
bus.Message += l2;
bus.Message += l1;
bus.Publish("x");
bus.Message -= l1;
bus.Publish("y");
Check("custom accessors log", string.Join(" ", log), "l1:x l2:x l1:x l1:y l2:y");
Check("custom accessor calls", bus.Trace, "+l1 +l2 +l1 -l1");

// Keyed handler store (like EventHandlerList).
log.Clear();
var ctrl = new Control();
ctrl.Load += (_, _) => log.Add("load1");
ctrl.Unload += (_, _) => log.Add("unload");
ctrl.Load += (_, _) => log.Add("load2");
ctrl.Fire("Load"); ctrl.Fire("Unload"); ctrl.Fire("Other");
Check("keyed handlers", string.Join(",", log), "load1,load2,unload");

// Static event.
log.Clear();
EventHandler sh = (_, _) => log.Add("static");
Hub.Ping += sh;
Hub.RaisePing();
Hub.Ping -= sh;
Hub.RaisePing();
Check("static event", string.Join(",", log), "static");

// Virtual/abstract events.
log.Clear();
Sensor s1 = new Thermometer();
s1.Reading += v => log.Add("t" + v);
s1.Measure(21);
Sensor s2 = new NoisySensor();
s2.Reading += v => log.Add("n" + v);
s2.Measure(5);
Check("overridden events", string.Join(",", log), "t21,n5,n5");
Check("override add counted", ((NoisySensor)s2).Adds, 1);

// Interface event.
log.Clear();
INotify notify = new Model();
notify.Changed += (s, e) => log.Add(e.PropertyName);
((Model)notify).Value = 3;
((Model)notify).Value = 3;
((Model)notify).Value = 4;
Check("interface event fires on change only", string.Join(",", log), "Value,Value");

// Handler removing itself and a later handler during a raise: snapshot semantics.
log.Clear();
var b2 = new Button("snap");
EventHandler<ClickEventArgs>? selfRemoving = null;
EventHandler<ClickEventArgs> later = (_, _) => log.Add("later");
selfRemoving = (_, _) => { log.Add("self"); b2.Clicked -= selfRemoving; b2.Clicked -= later; };
b2.Clicked += selfRemoving;
b2.Clicked += later;
b2.Raise();
b2.Raise();
Check("snapshot during raise", string.Join(",", log), "self,later");

// Handler exception propagates out of the raise; earlier handlers ran.
log.Clear();
var b3 = new Button("boom");
b3.Clicked += (_, _) => log.Add("before");
b3.Clicked += (_, _) => throw new InvalidOperationException("handler failed");
b3.Clicked += (_, _) => log.Add("after");
string caught = "";
try { b3.Raise(); } catch (InvalidOperationException e) { caught = e.Message; }
Check("handler exception", string.Join(",", log) + "|" + caught, "before|handler failed");

// Many subscribers from instance methods of distinct objects.
var counterButton = new Button("many");
var listeners = Enumerable.Range(0, 50).Select(i => new Listener(i)).ToList();
foreach (var l in listeners) counterButton.Clicked += l.OnClick;
foreach (var l in listeners.Where(l => l.Id % 3 == 0)) counterButton.Clicked -= l.OnClick;
counterButton.Raise();
counterButton.Raise();
Check("50 listeners, 17 removed", listeners.Sum(l => l.Hits), 66);
Check("received args", listeners[1].LastCount + listeners[2].LastCount, 4);

Console.WriteLine($"failed {failed}");
return failed;

sealed class ClickEventArgs(int count) : EventArgs { public int Count => count; }

sealed class Button(string name)
{
    private int _count;
    public string Name => name;
    public event EventHandler<ClickEventArgs>? Clicked;
    public bool HasSubscribers => Clicked is not null;
    public void Raise() { _count++; Clicked?.Invoke(this, new ClickEventArgs(_count)); }
}

sealed class ClosingEventArgs(string reason) : System.ComponentModel.CancelEventArgs { public string Reason => reason; }
sealed class Document
{
    public event EventHandler<ClosingEventArgs>? Closing;
    public bool TryClose(string reason)
    {
        var args = new ClosingEventArgs(reason);
        Closing?.Invoke(this, args);
        return !args.Cancel;
    }
}

sealed class Bus
{
    private readonly List<Action<string>> _handlers = new();
    public string Trace = "";
    public event Action<string> Message
    {
        add { _handlers.Add(value); Trace += (Trace.Length > 0 ? " " : "") + "+l" + Index(value); }
        remove { int i = _handlers.LastIndexOf(value); if (i >= 0) _handlers.RemoveAt(i); Trace += " -l" + Index(value); }
    }
    private readonly List<Action<string>> _seen = new();
    private int Index(Action<string> a) { int i = _seen.IndexOf(a); if (i < 0) { _seen.Add(a); i = _seen.Count - 1; } return i + 1; }
    public void Publish(string m) { foreach (var h in _handlers.ToArray()) h(m); }
}

sealed class Control
{
    private readonly Dictionary<string, Delegate?> _events = new();
    private void AddHandler(string key, Delegate d) => _events[key] = Delegate.Combine(_events.GetValueOrDefault(key), d);
    private void RemoveHandler(string key, Delegate d) => _events[key] = Delegate.Remove(_events.GetValueOrDefault(key), d);
    public event EventHandler Load { add => AddHandler("Load", value); remove => RemoveHandler("Load", value); }
    public event EventHandler Unload { add => AddHandler("Unload", value); remove => RemoveHandler("Unload", value); }
    public void Fire(string key) => (_events.GetValueOrDefault(key) as EventHandler)?.Invoke(this, EventArgs.Empty);
}

static class Hub
{
    public static event EventHandler? Ping;
    public static void RaisePing() => Ping?.Invoke(null, EventArgs.Empty);
}

abstract class Sensor
{
    public abstract event Action<int>? Reading;
    public abstract void Measure(int v);
}
sealed class Thermometer : Sensor
{
    public override event Action<int>? Reading;
    public override void Measure(int v) => Reading?.Invoke(v);
}
sealed class NoisySensor : Sensor
{
    private Action<int>? _h;
    public int Adds;
    public override event Action<int>? Reading { add { Adds++; _h += value; _h += value; } remove { _h -= value; } }
    public override void Measure(int v) => _h?.Invoke(v);
}

sealed class PropertyChangedArgs(string name) : EventArgs { public string PropertyName => name; }
interface INotify { event EventHandler<PropertyChangedArgs> Changed; }
sealed class Model : INotify
{
    private int _value;
    public event EventHandler<PropertyChangedArgs>? Changed;
    public int Value { get => _value; set { if (_value == value) return; _value = value; Changed?.Invoke(this, new PropertyChangedArgs(nameof(Value))); } }
}

sealed class Listener(int id)
{
    public int Id => id;
    public int Hits, LastCount;
    public void OnClick(object? sender, ClickEventArgs e) { Hits++; LastCount = e.Count; }
}
