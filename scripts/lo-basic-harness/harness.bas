' ---- LibreOffice Basic harness (scripts/lo-basic-harness/run.py appends this to the module) ----
' Each Declare of the module is replaced by a Basic function of the same name that calls
' ttxl_shim.py (ctypes over target/debug/libttest_xl.so). The two FILL placeholders are
' generated from the module's Type definitions, so the field order is the module's own.
Private gHarnessMessages As String
Private gHarnessPrinted As String
Private gHarnessAnswer As Long
Private gHarnessLanguage As Long
Private gHarnessProvider As Object
' @DECLARATIONS_END@ (run.py puts the lines above after the module's Option lines)

Private Function HarnessShim(ByVal fn As String, ByVal args As Variant) As Variant
    Dim sc As Object, outIdx As Variant, outArgs As Variant, factory As Object
    If gHarnessProvider Is Nothing Then
        Set factory = GetDefaultContext().getValueByName("/singletons/com.sun.star.script.provider.theMasterScriptProviderFactory")
        Set gHarnessProvider = factory.createScriptProvider("")
    End If
    Set sc = gHarnessProvider.getScript("vnd.sun.star.script:ttxl_shim.py$" & fn & "?language=Python&location=user")
    outIdx = Array()
    outArgs = Array()
    HarnessShim = sc.invoke(args, outIdx, outArgs)
End Function

Public Sub HarnessSetup(ByVal languageId As Long, ByVal answer As Long)
    gHarnessLanguage = languageId
    gHarnessAnswer = answer
    gHarnessMessages = ""
    gHarnessPrinted = ""
    mLanguageKnown = False
End Sub

' Runs a macro of the module; a Basic run-time error comes back as text instead of a dialog
' nobody sees (headless).
Public Function HarnessRun(ByVal macroName As String) As String
    On Error GoTo Failed
    Select Case macroName
    Case "TTXL_SelfTest"
        TTXL_SelfTest
    Case "TTXL_RegisterFunctionHelp"
        TTXL_RegisterFunctionHelp
        TTXL_RegisterFunctionHelp
    Case "WriteResults"
        ' The analysis macro after its three dialogs (InputBox cannot be answered headless): before
        ' = B1:B11, after = C1:C11 of the first sheet, paired; MessageBoxW answers gHarnessAnswer.
        WriteResults ActiveWorkbook.Worksheets(1).Range("B1:B11"), ActiveWorkbook.Worksheets(1).Range("C1:C11"), True
    Case Else
        HarnessRun = "unknown macro " & macroName
        Exit Function
    End Select
    HarnessRun = "ok"
    Exit Function
Failed:
    HarnessRun = "run-time error " & Err.Number & ": " & Err.Description & " (line " & Erl & ")"
End Function

Public Function HarnessMessages() As String
    HarnessMessages = gHarnessMessages
End Function

Public Function HarnessPrinted() As String
    HarnessPrinted = gHarnessPrinted
End Function

Private Function HarnessObject(ByVal o As Object) As Object
    Set HarnessObject = o
End Function

Private Function HarnessLanguageID() As Long
    HarnessLanguageID = gHarnessLanguage
End Function

Private Function HarnessUserLibraryPath() As String
    HarnessUserLibraryPath = ""
End Function

Private Sub HarnessPrint(ByVal text As String)
    gHarnessPrinted = gHarnessPrinted & text & Chr(10)
End Sub

Private Function HarnessLastDllError() As Long
    HarnessLastDllError = HarnessShim("ttxl_last_dll_error", Array())
End Function

' ---- Windows API ----
Private Function LoadLibraryW(ByVal path As String) As Long
    LoadLibraryW = HarnessShim("ttxl_load", Array(path))
End Function

Private Function FreeLibrary(ByVal handle As Long) As Long
    FreeLibrary = 1
End Function

Private Function GetFileAttributesW(ByVal path As String) As Long
    GetFileAttributesW = HarnessShim("ttxl_attributes", Array(path))
End Function

Private Function MessageBoxW(ByVal hWnd As Long, ByVal text As String, ByVal caption As String, _
        ByVal flags As Long) As Long
    gHarnessMessages = gHarnessMessages & text & Chr(30)
    MessageBoxW = gHarnessAnswer
End Function

' ---- ttest_xl.dll ----
Private Function c_ttxl_nan() As Double
    c_ttxl_nan = HarnessShim("ttxl_nan", Array())
End Function

Private Function c_ttxl_abi_version() As Long
    c_ttxl_abi_version = HarnessShim("ttxl_abi_version", Array())
End Function

Private Function c_ttxl_version() As String
    c_ttxl_version = HarnessShim("ttxl_version", Array())
End Function

Private Function c_ttxl_set_language(ByVal language As Long) As Long
    c_ttxl_set_language = HarnessShim("ttxl_set_language", Array(language))
End Function

' The module passes String$(n, vbNullChar) (StrPtr removed by the harness); the message is
' written into it as the DLL writes into the BSTR's buffer.
Private Function c_ttxl_last_error_utf16(ByRef buf As String, ByVal cap As Long) As Long
    Dim message As String
    message = HarnessShim("ttxl_last_error", Array())
    If Len(message) < cap Then
        buf = message & String(cap - Len(message), Chr(0))
    End If
    c_ttxl_last_error_utf16 = Len(message)
End Function

Private Function HarnessTTest(ByVal kind As String, ByRef x As Variant, ByVal nx As Long, ByRef y As Variant, _
        ByVal ny As Long, ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
    Dim r As Variant
    If ny = 0 Or kind = "one_sample" Then y = Array(0#)
    r = HarnessShim("ttxl_ttest", Array(kind, x, nx, y, ny, alternative, mu, conf_level))
    If r(0) = 0 Then
@FILL_TTEST@
    End If
    HarnessTTest = r(0)
End Function

Private Function c_ttxl_ttest_welch(ByRef x As Variant, ByVal nx As Long, ByRef y As Variant, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
    c_ttxl_ttest_welch = HarnessTTest("welch", x, nx, y, ny, alternative, mu, conf_level, out)
End Function

Private Function c_ttxl_ttest_student(ByRef x As Variant, ByVal nx As Long, ByRef y As Variant, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
    c_ttxl_ttest_student = HarnessTTest("student", x, nx, y, ny, alternative, mu, conf_level, out)
End Function

Private Function c_ttxl_ttest_paired(ByRef x As Variant, ByRef y As Variant, ByVal n As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
    c_ttxl_ttest_paired = HarnessTTest("paired", x, n, y, n, alternative, mu, conf_level, out)
End Function

Private Function c_ttxl_ttest_one_sample(ByRef x As Variant, ByVal n As Long, ByVal alternative As Long, _
        ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
    Dim none As Variant
    c_ttxl_ttest_one_sample = HarnessTTest("one_sample", x, n, none, 0, alternative, mu, conf_level, out)
End Function

Private Function HarnessRank(ByVal kind As String, ByRef x As Variant, ByVal nx As Long, ByRef y As Variant, _
        ByVal ny As Long, ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
    Dim r As Variant
    r = HarnessShim("ttxl_rank", Array(kind, x, nx, y, ny, alternative, correct))
    If r(0) = 0 Then
@FILL_RANK@
    End If
    HarnessRank = r(0)
End Function

Private Function c_ttxl_mann_whitney(ByRef x As Variant, ByVal nx As Long, ByRef y As Variant, ByVal ny As Long, _
        ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
    c_ttxl_mann_whitney = HarnessRank("mann_whitney", x, nx, y, ny, alternative, correct, out)
End Function

Private Function c_ttxl_wilcoxon_signed_rank(ByRef x As Variant, ByRef y As Variant, ByVal n As Long, _
        ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
    c_ttxl_wilcoxon_signed_rank = HarnessRank("wilcoxon", x, n, y, n, alternative, correct, out)
End Function

Private Function c_ttxl_p_adjust(ByRef p As Variant, ByVal n As Long, ByVal method As Long, _
        ByRef adjusted_out As Variant) As Long
    Dim r As Variant, i As Long
    r = HarnessShim("ttxl_p_adjust", Array(p, n, method))
    If r(0) = 0 Then
        For i = 0 To n - 1
            adjusted_out(LBound(adjusted_out) + i) = r(i + 1)
        Next i
    End If
    c_ttxl_p_adjust = r(0)
End Function

Private Function c_ttxl_power_ttest(ByVal design As Long, ByVal alternative As Long, ByVal solve_for As Long, _
        ByVal n As Double, ByVal d As Double, ByVal alpha As Double, ByVal power As Double, _
        ByRef result As Double) As Long
    Dim r As Variant
    r = HarnessShim("ttxl_power", Array(design, alternative, solve_for, n, d, alpha, power))
    If r(0) = 0 Then result = r(1)
    c_ttxl_power_ttest = r(0)
End Function

Private Function HarnessProp(ByVal kind As String, ByVal a As Long, ByVal b As Long, ByVal c As Long, _
        ByVal d As Long, ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
    Dim r As Variant
    r = HarnessShim("ttxl_prop", Array(kind, a, b, c, d, conf_level))
    If r(0) = 0 Then
@FILL_PROP@
    End If
    HarnessProp = r(0)
End Function

Private Function c_ttxl_prop_test_2indep(ByVal x_first As Long, ByVal n_first As Long, ByVal x_second As Long, _
        ByVal n_second As Long, ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
    c_ttxl_prop_test_2indep = HarnessProp("2indep", x_first, n_first, x_second, n_second, conf_level, out)
End Function

Private Function c_ttxl_prop_test_paired(ByVal both As Long, ByVal first_only As Long, ByVal second_only As Long, _
        ByVal neither As Long, ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
    c_ttxl_prop_test_paired = HarnessProp("paired", both, first_only, second_only, neither, conf_level, out)
End Function

' ---- the shared words (ttxl_effect_label_utf16, ttxl_significant, the *_sentence_utf16 functions) ----
' r = (status, length, text) from the shim: the length is written on TTXL_OK and TTXL_ERR_BUFFER,
' the text into the module's String$(n) buffer (StrPtr removed) only on TTXL_OK, as the DLL does.
Private Function HarnessText(ByVal r As Variant, ByRef buf As String, ByRef length As Long) As Long
    If r(0) = 0 Or r(0) = 6 Then length = r(1)
    If r(0) = 0 Then buf = r(2) & String(Len(buf) - Len(r(2)), Chr(0))
    HarnessText = r(0)
End Function

Private Function c_ttxl_effect_label_utf16(ByVal d As Double, ByVal language As Long, ByRef buf As String, _
        ByVal cap As Long, ByRef length As Long) As Long
    c_ttxl_effect_label_utf16 = HarnessText(HarnessShim("ttxl_effect_label", Array(d, language, cap)), buf, length)
End Function

Private Function c_ttxl_significant(ByVal p_adjusted As Double, ByVal alpha As Double, ByRef significant As Long) As Long
    Dim r As Variant
    r = HarnessShim("ttxl_significant", Array(p_adjusted, alpha))
    If r(0) = 0 Then significant = r(1)
    c_ttxl_significant = r(0)
End Function

Private Function c_ttxl_ttest_sentence_utf16(ByRef result As TtxlTTest, ByVal p_adjusted As Double, _
        ByVal alpha As Double, ByVal conf_level As Double, ByVal item As String, ByVal item_len As Long, _
        ByVal label_x As String, ByVal label_x_len As Long, ByVal label_y As String, ByVal label_y_len As Long, _
        ByVal language As Long, ByRef buf As String, ByVal cap As Long, ByRef length As Long) As Long
    Dim fields As Variant
    fields = Array(@PACK_TTEST@)
    c_ttxl_ttest_sentence_utf16 = HarnessText(HarnessShim("ttxl_ttest_sentence", Array(fields, p_adjusted, alpha, _
            conf_level, item, label_x, label_y, language, cap)), buf, length)
End Function

Private Function c_ttxl_not_tested_sentence_utf16(ByVal item As String, ByVal item_len As Long, _
        ByVal reason As String, ByVal reason_len As Long, ByVal language As Long, ByRef buf As String, _
        ByVal cap As Long, ByRef length As Long) As Long
    c_ttxl_not_tested_sentence_utf16 = HarnessText(HarnessShim("ttxl_not_tested_sentence", Array(item, reason, _
            language, cap)), buf, length)
End Function

Private Function c_ttxl_conclusion_sentence_utf16(ByVal tested As Long, ByVal higher As Long, ByVal lower As Long, _
        ByVal untested As Long, ByVal test As Long, ByVal method As Long, ByVal alpha As Double, _
        ByVal scope As String, ByVal scope_len As Long, ByVal label_before As String, ByVal label_before_len As Long, _
        ByVal label_after As String, ByVal label_after_len As Long, ByVal reasons As String, _
        ByVal reasons_len As Long, ByVal language As Long, ByRef buf As String, ByVal cap As Long, _
        ByRef length As Long) As Long
    c_ttxl_conclusion_sentence_utf16 = HarnessText(HarnessShim("ttxl_conclusion_sentence", Array(tested, higher, _
            lower, untested, test, method, alpha, scope, label_before, label_after, reasons, language, cap)), _
            buf, length)
End Function

' ---- procedures of the module that LibreOffice cannot run as written ----
' NumberClass: LSet between two user-defined Types copies no bits in LibreOffice Basic.
Private Function NumberClass(ByVal x As Double) As Long
    NumberClass = HarnessShim("ttxl_classify", Array(x))
End Function

' NotANumber: built with LSet from its bits in the module.
Private Function NotANumber() As Double
    NotANumber = HarnessShim("ttxl_quiet_nan", Array())
End Function

' Utf8ToString: the "pointer" of c_ttxl_version is the decoded string already.
Private Function Utf8ToString(ByVal pointer As Variant) As String
    Utf8ToString = pointer
End Function
