namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The exception-dispatch layouts the stubs share with CoreLib's managed dispatcher and with
/// Minnow.Runtime's stack-frame iterator (NativeAOT 10.0.12, amd64 Unix; shared/notes/exception-dispatch.md
/// §1). CoreLib compiles these offsets in, so they are a contract, not a choice.
/// </summary>
internal static class ExceptionLayout
{
    public const int ExInfoSize = 0x190;
    public const int ExInfoPrevious = 0x00;
    public const int ExInfoContext = 0x08;
    public const int ExInfoException = 0x10;
    public const int ExInfoKind = 0x18;
    public const int ExInfoPassNumber = 0x19;
    public const int ExInfoCurrentClause = 0x1C;

    public const byte KindNone = 0;
    public const byte KindThrow = 1;
    public const byte KindHardwareFault = 2;

    // PAL_LIMITED_CONTEXT, 0x50 bytes: IP, Rsp, Rbp, Rax, Rbx, Rdx, R12, R13, R14, R15.
    public const int ContextSize = 0x50;
    public const int ContextRbp = 0x10;
    public const int ContextRbx = 0x20;
    public const int ContextR12 = 0x30;
    public const int ContextR13 = 0x38;
    public const int ContextR14 = 0x40;
    public const int ContextR15 = 0x48;

    // REGDISPLAY: pointers to where each register is saved, then SP (a value).
    public const int RegDisplayRbx = 0x18;
    public const int RegDisplayRbp = 0x20;
    public const int RegDisplayR12 = 0x58;
    public const int RegDisplayR13 = 0x60;
    public const int RegDisplayR14 = 0x68;
    public const int RegDisplayR15 = 0x70;
    public const int RegDisplaySp = 0x78;
}
