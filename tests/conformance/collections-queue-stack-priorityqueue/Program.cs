// Queue<T> (circular buffer wrap-around and growth), Stack<T>, PriorityQueue<TElement,TPriority>
// (4-ary heap: dequeue order printed only where priorities are distinct or ties broken by a
// composite priority), LinkedList<T>, and their Peek/TryDequeue/TryPop/EnqueueDequeue/
// DequeueEnqueue/UnorderedItems-count edge cases. Exit status = number of failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}

// Queue: wrap the ring buffer around several times while it grows and shrinks
var q = new Queue<int>(4);
var trace = new List<int>();
int next = 0;
for (int round = 0; round < 50; round++)
{
    for (int i = 0; i < round % 7 + 1; i++) q.Enqueue(next++);
    for (int i = 0; i < round % 5 + 1 && q.Count > 0; i++) trace.Add(q.Dequeue());
}
Console.WriteLine($"queue: dequeued {trace.Count} in order {trace.SequenceEqual(Enumerable.Range(0, trace.Count))} left {q.Count} peek {q.Peek()} contents {string.Join(",", q)}");
Check(trace.SequenceEqual(Enumerable.Range(0, trace.Count)), "FIFO");
Console.WriteLine($"queue ToArray {string.Join(",", q.ToArray().Take(5))} Contains {q.Contains(next - 1)} TryDequeue on empty {new Queue<int>().TryDequeue(out _)} TryPeek {q.TryPeek(out int pk)}/{pk}");
try { new Queue<string>().Dequeue(); } catch (InvalidOperationException) { Console.WriteLine("empty Dequeue: InvalidOperationException"); }
q.TrimExcess(); q.Clear(); Check(q.Count == 0, "queue clear");

// Stack
var st = new Stack<string>();
foreach (var w in "to be or not to be".Split(' ')) st.Push(w);
Console.WriteLine($"stack enumerates LIFO: {string.Join(" ", st)} pop {st.Pop()} {st.Pop()} peek {st.Peek()} count {st.Count}");
Console.WriteLine($"stack TryPop {st.TryPop(out var top)}/{top} ToArray {string.Join(",", st.ToArray())} empty TryPeek {new Stack<int>().TryPeek(out _)}");
try { new Stack<int>().Pop(); } catch (InvalidOperationException) { Console.WriteLine("empty Pop: InvalidOperationException"); }
var rpn = new Stack<long>();
foreach (var tok in "3 4 + 2 * 7 - 10 5 / *".Split(' '))
{
    if (long.TryParse(tok, out long v)) { rpn.Push(v); continue; }
    long b = rpn.Pop(), a = rpn.Pop();
    rpn.Push(tok switch { "+" => a + b, "-" => a - b, "*" => a * b, _ => a / b });
}
Console.WriteLine($"RPN result {rpn.Pop()}");

// PriorityQueue
var pq = new PriorityQueue<string, int>();
var rng = new Random(11);
var prios = Enumerable.Range(0, 30).Select(i => i * 37 % 101).ToArray(); // distinct
foreach (int p in prios) pq.Enqueue("e" + p, p);
Console.WriteLine($"pq count {pq.Count} peek {pq.Peek()} UnorderedItems count {pq.UnorderedItems.Count}");
var order = new List<int>();
while (pq.TryDequeue(out var e, out int pr)) order.Add(pr);
Console.WriteLine($"pq dequeue order: {string.Join(" ", order)}");
Check(order.SequenceEqual(prios.Order()), "pq sorted");
var pq2 = new PriorityQueue<int, (int, int)>(Comparer<(int, int)>.Create((a, b) => a.Item1 != b.Item1 ? b.Item1.CompareTo(a.Item1) : a.Item2.CompareTo(b.Item2)));
for (int i = 0; i < 20; i++) pq2.Enqueue(i, (rng.Next(0, 4), i)); // max-heap on Item1, ties by insertion index
var order2 = new List<string>();
while (pq2.Count > 0) { pq2.TryPeek(out _, out var pp); order2.Add($"{pq2.Dequeue()}@{pp.Item1}"); }
Console.WriteLine($"pq custom comparer: {string.Join(" ", order2)}");
var pq3 = new PriorityQueue<char, int>(new[] { ('c', 3), ('a', 1), ('b', 2) });
Console.WriteLine($"EnqueueDequeue(z,0) -> {pq3.EnqueueDequeue('z', 0)} DequeueEnqueue(y,5) -> {pq3.DequeueEnqueue('y', 5)} then {pq3.Dequeue()}{pq3.Dequeue()}{pq3.Dequeue()}");
pq3.EnqueueRange(new[] { 'q', 'r' }, 9);
Console.WriteLine($"EnqueueRange count {pq3.Count}");
try { new PriorityQueue<int, int>().Dequeue(); } catch (InvalidOperationException) { Console.WriteLine("empty pq Dequeue: InvalidOperationException"); }
// Heap sort of many items
var big = new PriorityQueue<int, long>();
for (int i = 0; i < 20000; i++) big.Enqueue(i, ((long)i * 2654435761L) % 1000003);
long prev = -1; bool ok = true; long chk = 0;
while (big.TryDequeue(out int el, out long pr)) { if (pr < prev) ok = false; prev = pr; chk = chk * 31 + el; }
Console.WriteLine($"pq 20000: ordered {ok} checksum {chk}");
Check(ok, "big pq order");

// LinkedList
var ll = new LinkedList<int>(new[] { 1, 2, 3 });
ll.AddFirst(0); ll.AddLast(4); ll.AddAfter(ll.Find(2)!, 25); ll.AddBefore(ll.Find(2)!, 15); ll.Remove(3); ll.RemoveFirst();
Console.WriteLine($"LinkedList: {string.Join(",", ll)} first {ll.First!.Value} last {ll.Last!.Value} count {ll.Count} FindLast(25) next {ll.FindLast(25)!.Next!.Value}");
Console.WriteLine($"LinkedList backwards: {string.Join(",", Backwards(ll))}");

Console.WriteLine($"failures: {failures}");
return failures;

static IEnumerable<int> Backwards(LinkedList<int> l)
{
    for (var n = l.Last; n != null; n = n.Previous) yield return n.Value;
}
