Attribute VB_Name = "TTestXL"
' TTestXL - t-tests, effect sizes with confidence intervals, rank tests, p-value adjustment and
' power for Excel, computed by ttest_xl.dll (the ttest-xl statistics engine; every number is
' checked against R in the project's tests).
'
' Install: see vba/README.md (English) or vba/README.ja.md (Japanese).
' Worksheet functions: TTXL_TTEST, TTXL_WELCH, TTXL_STUDENT, TTXL_PAIRED, TTXL_ONE_SAMPLE,
'   TTXL_LABELS, TTXL_COHEN_D, TTXL_HEDGES_G, TTXL_MANN_WHITNEY, TTXL_WILCOXON, TTXL_P_ADJUST,
'   TTXL_POWER_N, TTXL_VERSION, TTXL_LAST_ERROR.
' Macros: TTXL_AnalyzeSelection (results sheet for before/after data), TTXL_SelfTest (checks
'   every function against R reference values and reports "N passed, M failed").
'
' This file is ASCII-only on purpose: the VBA editor reads an imported .bas in the ANSI code page
' of the importing PC, so Japanese literals would be garbled on a PC with another code page.
' Japanese text is written as U("\u...") escapes and decoded at run time with ChrW.
' Readable view: python3 scripts/vba_ja.py decode vba/TTestXL.bas
'
' Structure: (1) C constants and result types copied from include/ttest_xl.h, (2) private raw
' Declares of the C functions, (3) loading the DLL by full path, (4) reading cells,
' (5) worksheet functions, (6) the analysis macro, (7) the self-test.
Option Explicit

' ==== (1) Constants from include/ttest_xl.h ===================================================

' Alternative hypothesis (the alternative argument of the tests).
Public Const TTXL_TWO_SIDED As Long = 0     ' H1: the difference is not mu
Public Const TTXL_LESS As Long = 1          ' H1: the difference is less than mu
Public Const TTXL_GREATER As Long = 2       ' H1: the difference is greater than mu

' p-value adjustment method, as R p.adjust(method = ...).
Public Const TTXL_ADJUST_NONE As Long = 0
Public Const TTXL_ADJUST_HOLM As Long = 1
Public Const TTXL_ADJUST_HOCHBERG As Long = 2
Public Const TTXL_ADJUST_BONFERRONI As Long = 3
Public Const TTXL_ADJUST_BH As Long = 4      ' Benjamini-Hochberg ("fdr")
Public Const TTXL_ADJUST_BY As Long = 5      ' Benjamini-Yekutieli
Public Const TTXL_ADJUST_HOMMEL As Long = 6

' Design for power calculations, as pwr.t.test(type = ...).
Public Const TTXL_DESIGN_TWO_SAMPLE As Long = 0
Public Const TTXL_DESIGN_PAIRED As Long = 1
Public Const TTXL_DESIGN_ONE_SAMPLE As Long = 2

' What ttxl_power_ttest solves for (the matching input is ignored).
Public Const TTXL_SOLVE_N As Long = 0
Public Const TTXL_SOLVE_POWER As Long = 1
Public Const TTXL_SOLVE_D As Long = 2

' Status returned by every function (0 = success). The message is read with ttxl_last_error_utf16.
Public Const TTXL_OK As Long = 0
Public Const TTXL_ERR_NULL As Long = 1          ' a required pointer was null
Public Const TTXL_ERR_LENGTH As Long = 2        ' a length is negative or lengths do not match
Public Const TTXL_ERR_TOO_FEW As Long = 3       ' not enough non-missing values
Public Const TTXL_ERR_CONSTANT As Long = 4      ' zero variance: t is undefined
Public Const TTXL_ERR_ARGUMENT As Long = 5      ' a parameter outside its domain
Public Const TTXL_ERR_BUFFER As Long = 6        ' an output buffer is too small (the length needed is returned)
Public Const TTXL_ERR_INTERNAL As Long = 99     ' a bug in ttest-xl (caught, never a crash)

' Language of the DLL's messages (ttxl_set_language); this module picks it from Office's UI.
Public Const TTXL_LANG_EN As Long = 0
Public Const TTXL_LANG_JA As Long = 1

' The test a conclusion names (ttxl_conclusion_sentence_utf16).
Public Const TTXL_TEST_PAIRED As Long = 0
Public Const TTXL_TEST_STUDENT As Long = 1
Public Const TTXL_TEST_WELCH As Long = 2
Public Const TTXL_TEST_MANN_WHITNEY As Long = 3
Public Const TTXL_TEST_WILCOXON As Long = 4

' ABI version this module was written for: ttxl_abi_version() of the loaded DLL must equal it.
Public Const TTXL_ABI_VERSION As Long = 1

' Result of a t-test (C struct TtxlTTest). Doubles only, in the C order, so that this Type and the
' C struct have the same layout in 32-bit and 64-bit Office. estimate = mean(x) - mean(y) for two
' samples, mean(x - y) for paired data, mean(x) for one sample; one-sided tests have an infinite
' CI end, as R.
Public Type TtxlTTest
    statistic As Double
    df As Double
    p_value As Double
    estimate As Double
    conf_low As Double
    conf_high As Double
    std_err As Double
    n_x As Double
    n_y As Double
    mean_x As Double
    mean_y As Double
    sd_x As Double
    sd_y As Double
    cohen_d As Double
    cohen_d_low As Double
    cohen_d_high As Double
    hedges_g As Double
    hedges_g_low As Double
    hedges_g_high As Double
    missing_x As Double
    missing_y As Double
End Type

' Result of a rank test (C struct TtxlRankTest): W (Mann-Whitney) or V (Wilcoxon signed rank)
' exactly as R's wilcox.test reports them, and the rank-biserial correlation.
Public Type TtxlRankTest
    statistic As Double
    p_value As Double
    n_x As Double
    n_y As Double
    rank_biserial As Double
    missing_x As Double
    missing_y As Double
End Type

' ==== (2) Raw Declares ========================================================================
' VBA names are the C names with a "c_" prefix: VBA identifiers are case-insensitive, so the C
' name ttxl_version would clash with the worksheet function TTXL_VERSION. The Alias is the
' exported C name. "#If VBA7" decides PtrSafe/LongPtr; "#If Win64" only decides the alias
' (32-bit Office can only call stdcall functions: the 32-bit DLL exports stdcall twins named
' <name>_stdcall). Lib "ttest_xl.dll" resolves to the copy that EnsureDll loaded by full path.
#If VBA7 Then
    #If Win64 Then
' 64-bit Office: one calling convention; the exports are called by their C names.
Private Declare PtrSafe Function c_ttxl_nan Lib "ttest_xl.dll" Alias "ttxl_nan" () As Double
Private Declare PtrSafe Function c_ttxl_abi_version Lib "ttest_xl.dll" Alias "ttxl_abi_version" () As Long
Private Declare PtrSafe Function c_ttxl_version Lib "ttest_xl.dll" Alias "ttxl_version" () As LongPtr
Private Declare PtrSafe Function c_ttxl_ttest_welch Lib "ttest_xl.dll" Alias "ttxl_ttest_welch" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_student Lib "ttest_xl.dll" Alias "ttxl_ttest_student" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_paired Lib "ttest_xl.dll" Alias "ttxl_ttest_paired" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_one_sample Lib "ttest_xl.dll" Alias "ttxl_ttest_one_sample" ( _
        ByRef x As Double, ByVal n As Long, ByVal alternative As Long, ByVal mu As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_mann_whitney Lib "ttest_xl.dll" Alias "ttxl_mann_whitney" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare PtrSafe Function c_ttxl_wilcoxon_signed_rank Lib "ttest_xl.dll" Alias "ttxl_wilcoxon_signed_rank" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare PtrSafe Function c_ttxl_p_adjust Lib "ttest_xl.dll" Alias "ttxl_p_adjust" ( _
        ByRef p As Double, ByVal n As Long, ByVal method As Long, _
        ByRef adjusted_out As Double) As Long
Private Declare PtrSafe Function c_ttxl_power_ttest Lib "ttest_xl.dll" Alias "ttxl_power_ttest" ( _
        ByVal design As Long, ByVal alternative As Long, ByVal solve_for As Long, _
        ByVal n As Double, ByVal d As Double, ByVal alpha As Double, ByVal power As Double, _
        ByRef result As Double) As Long
Private Declare PtrSafe Function c_ttxl_last_error_utf16 Lib "ttest_xl.dll" Alias "ttxl_last_error_utf16" ( _
        ByVal buf As LongPtr, ByVal cap As Long) As Long
Private Declare PtrSafe Function c_ttxl_set_language Lib "ttest_xl.dll" Alias "ttxl_set_language" ( _
        ByVal language As Long) As Long
    #Else
' 32-bit Office 2010 and later: the stdcall twins <name>_stdcall of the 32-bit DLL.
Private Declare PtrSafe Function c_ttxl_nan Lib "ttest_xl.dll" Alias "ttxl_nan_stdcall" () As Double
Private Declare PtrSafe Function c_ttxl_abi_version Lib "ttest_xl.dll" Alias "ttxl_abi_version_stdcall" () As Long
Private Declare PtrSafe Function c_ttxl_version Lib "ttest_xl.dll" Alias "ttxl_version_stdcall" () As LongPtr
Private Declare PtrSafe Function c_ttxl_ttest_welch Lib "ttest_xl.dll" Alias "ttxl_ttest_welch_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_student Lib "ttest_xl.dll" Alias "ttxl_ttest_student_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_paired Lib "ttest_xl.dll" Alias "ttxl_ttest_paired_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_ttest_one_sample Lib "ttest_xl.dll" Alias "ttxl_ttest_one_sample_stdcall" ( _
        ByRef x As Double, ByVal n As Long, ByVal alternative As Long, ByVal mu As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare PtrSafe Function c_ttxl_mann_whitney Lib "ttest_xl.dll" Alias "ttxl_mann_whitney_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare PtrSafe Function c_ttxl_wilcoxon_signed_rank Lib "ttest_xl.dll" Alias "ttxl_wilcoxon_signed_rank_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare PtrSafe Function c_ttxl_p_adjust Lib "ttest_xl.dll" Alias "ttxl_p_adjust_stdcall" ( _
        ByRef p As Double, ByVal n As Long, ByVal method As Long, _
        ByRef adjusted_out As Double) As Long
Private Declare PtrSafe Function c_ttxl_power_ttest Lib "ttest_xl.dll" Alias "ttxl_power_ttest_stdcall" ( _
        ByVal design As Long, ByVal alternative As Long, ByVal solve_for As Long, _
        ByVal n As Double, ByVal d As Double, ByVal alpha As Double, ByVal power As Double, _
        ByRef result As Double) As Long
Private Declare PtrSafe Function c_ttxl_last_error_utf16 Lib "ttest_xl.dll" Alias "ttxl_last_error_utf16_stdcall" ( _
        ByVal buf As LongPtr, ByVal cap As Long) As Long
Private Declare PtrSafe Function c_ttxl_set_language Lib "ttest_xl.dll" Alias "ttxl_set_language_stdcall" ( _
        ByVal language As Long) As Long
    #End If
#Else
' Excel 2007 and earlier (VBA6, always 32-bit): the stdcall twins, without PtrSafe/LongPtr.
Private Declare Function c_ttxl_nan Lib "ttest_xl.dll" Alias "ttxl_nan_stdcall" () As Double
Private Declare Function c_ttxl_abi_version Lib "ttest_xl.dll" Alias "ttxl_abi_version_stdcall" () As Long
Private Declare Function c_ttxl_version Lib "ttest_xl.dll" Alias "ttxl_version_stdcall" () As Long
Private Declare Function c_ttxl_ttest_welch Lib "ttest_xl.dll" Alias "ttxl_ttest_welch_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare Function c_ttxl_ttest_student Lib "ttest_xl.dll" Alias "ttxl_ttest_student_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal mu As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTTest) As Long
Private Declare Function c_ttxl_ttest_paired Lib "ttest_xl.dll" Alias "ttxl_ttest_paired_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal mu As Double, ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare Function c_ttxl_ttest_one_sample Lib "ttest_xl.dll" Alias "ttxl_ttest_one_sample_stdcall" ( _
        ByRef x As Double, ByVal n As Long, ByVal alternative As Long, ByVal mu As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTTest) As Long
Private Declare Function c_ttxl_mann_whitney Lib "ttest_xl.dll" Alias "ttxl_mann_whitney_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal alternative As Long, ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare Function c_ttxl_wilcoxon_signed_rank Lib "ttest_xl.dll" Alias "ttxl_wilcoxon_signed_rank_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal alternative As Long, _
        ByVal correct As Long, ByRef out As TtxlRankTest) As Long
Private Declare Function c_ttxl_p_adjust Lib "ttest_xl.dll" Alias "ttxl_p_adjust_stdcall" ( _
        ByRef p As Double, ByVal n As Long, ByVal method As Long, _
        ByRef adjusted_out As Double) As Long
Private Declare Function c_ttxl_power_ttest Lib "ttest_xl.dll" Alias "ttxl_power_ttest_stdcall" ( _
        ByVal design As Long, ByVal alternative As Long, ByVal solve_for As Long, _
        ByVal n As Double, ByVal d As Double, ByVal alpha As Double, ByVal power As Double, _
        ByRef result As Double) As Long
Private Declare Function c_ttxl_last_error_utf16 Lib "ttest_xl.dll" Alias "ttxl_last_error_utf16_stdcall" ( _
        ByVal buf As Long, ByVal cap As Long) As Long
Private Declare Function c_ttxl_set_language Lib "ttest_xl.dll" Alias "ttxl_set_language_stdcall" ( _
        ByVal language As Long) As Long
#End If

' ---- Equivalence tests (TOST) and Bayes factors (issue 15): the C struct TtxlTost and the raw
' Declares of ttxl_tost_* and ttxl_bayes_factor_t, in the same pattern as above. (VBA allows
' Declare and Type statements only before the first procedure, so they cannot sit with the
' worksheet functions TTXL_TOST, TTXL_TOST_ONE_SAMPLE and TTXL_BAYES_FACTOR at the end of the module.)
' Result of an equivalence test (C struct TtxlTost), doubles only, in the C order.
Public Type TtxlTost
    p_value As Double
    p_lower As Double
    p_upper As Double
    statistic_lower As Double
    statistic_upper As Double
    df As Double
    estimate As Double
    conf_low As Double
    conf_high As Double
End Type
#If VBA7 Then
    #If Win64 Then
Private Declare PtrSafe Function c_ttxl_tost_welch Lib "ttest_xl.dll" Alias "ttxl_tost_welch" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_student Lib "ttest_xl.dll" Alias "ttxl_tost_student" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_paired Lib "ttest_xl.dll" Alias "ttxl_tost_paired" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal low As Double, _
        ByVal high As Double, ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_one_sample Lib "ttest_xl.dll" Alias "ttxl_tost_one_sample" ( _
        ByRef x As Double, ByVal n As Long, ByVal low As Double, ByVal high As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_bayes_factor_t Lib "ttest_xl.dll" Alias "ttxl_bayes_factor_t" ( _
        ByVal design As Long, ByVal t As Double, ByVal nx As Long, ByVal ny As Long, _
        ByVal rscale As Double, ByRef bf10 As Double) As Long
    #Else
Private Declare PtrSafe Function c_ttxl_tost_welch Lib "ttest_xl.dll" Alias "ttxl_tost_welch_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_student Lib "ttest_xl.dll" Alias "ttxl_tost_student_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_paired Lib "ttest_xl.dll" Alias "ttxl_tost_paired_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal low As Double, _
        ByVal high As Double, ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_tost_one_sample Lib "ttest_xl.dll" Alias "ttxl_tost_one_sample_stdcall" ( _
        ByRef x As Double, ByVal n As Long, ByVal low As Double, ByVal high As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare PtrSafe Function c_ttxl_bayes_factor_t Lib "ttest_xl.dll" Alias "ttxl_bayes_factor_t_stdcall" ( _
        ByVal design As Long, ByVal t As Double, ByVal nx As Long, ByVal ny As Long, _
        ByVal rscale As Double, ByRef bf10 As Double) As Long
    #End If
#Else
Private Declare Function c_ttxl_tost_welch Lib "ttest_xl.dll" Alias "ttxl_tost_welch_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare Function c_ttxl_tost_student Lib "ttest_xl.dll" Alias "ttxl_tost_student_stdcall" ( _
        ByRef x As Double, ByVal nx As Long, ByRef y As Double, ByVal ny As Long, _
        ByVal low As Double, ByVal high As Double, ByVal conf_level As Double, _
        ByRef out As TtxlTost) As Long
Private Declare Function c_ttxl_tost_paired Lib "ttest_xl.dll" Alias "ttxl_tost_paired_stdcall" ( _
        ByRef x As Double, ByRef y As Double, ByVal n As Long, ByVal low As Double, _
        ByVal high As Double, ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare Function c_ttxl_tost_one_sample Lib "ttest_xl.dll" Alias "ttxl_tost_one_sample_stdcall" ( _
        ByRef x As Double, ByVal n As Long, ByVal low As Double, ByVal high As Double, _
        ByVal conf_level As Double, ByRef out As TtxlTost) As Long
Private Declare Function c_ttxl_bayes_factor_t Lib "ttest_xl.dll" Alias "ttxl_bayes_factor_t_stdcall" ( _
        ByVal design As Long, ByVal t As Double, ByVal nx As Long, ByVal ny As Long, _
        ByVal rscale As Double, ByRef bf10 As Double) As Long
#End If

' ---- Shares of positive answers (issue 14): the C structs TtxlProportions and TtxlContrast and
' the raw Declares of ttxl_prop_test_2indep and ttxl_prop_test_paired (worksheet functions
' TTXL_PROP_2INDEP and TTXL_PROP_PAIRED at the end of the module).
' Difference of two shares, second - first (C struct TtxlProportions), doubles only, in C order.
Public Type TtxlProportions
    estimate As Double
    conf_low As Double
    conf_high As Double
    p_value As Double
    statistic As Double
    p_first As Double
    p_second As Double
    n_first As Double
    n_second As Double
End Type
' Contrast of independent means (C struct TtxlContrast); declared for completeness of the header.
Public Type TtxlContrast
    estimate As Double
    std_err As Double
    statistic As Double
    df As Double
    p_value As Double
    conf_low As Double
    conf_high As Double
End Type
#If VBA7 Then
    #If Win64 Then
Private Declare PtrSafe Function c_ttxl_prop_test_2indep Lib "ttest_xl.dll" Alias "ttxl_prop_test_2indep" ( _
        ByVal x_first As Long, ByVal n_first As Long, ByVal x_second As Long, ByVal n_second As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
Private Declare PtrSafe Function c_ttxl_prop_test_paired Lib "ttest_xl.dll" Alias "ttxl_prop_test_paired" ( _
        ByVal both As Long, ByVal first_only As Long, ByVal second_only As Long, ByVal neither As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
    #Else
Private Declare PtrSafe Function c_ttxl_prop_test_2indep Lib "ttest_xl.dll" Alias "ttxl_prop_test_2indep_stdcall" ( _
        ByVal x_first As Long, ByVal n_first As Long, ByVal x_second As Long, ByVal n_second As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
Private Declare PtrSafe Function c_ttxl_prop_test_paired Lib "ttest_xl.dll" Alias "ttxl_prop_test_paired_stdcall" ( _
        ByVal both As Long, ByVal first_only As Long, ByVal second_only As Long, ByVal neither As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
    #End If
#Else
Private Declare Function c_ttxl_prop_test_2indep Lib "ttest_xl.dll" Alias "ttxl_prop_test_2indep_stdcall" ( _
        ByVal x_first As Long, ByVal n_first As Long, ByVal x_second As Long, ByVal n_second As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
Private Declare Function c_ttxl_prop_test_paired Lib "ttest_xl.dll" Alias "ttxl_prop_test_paired_stdcall" ( _
        ByVal both As Long, ByVal first_only As Long, ByVal second_only As Long, ByVal neither As Long, _
        ByVal conf_level As Double, ByRef out As TtxlProportions) As Long
#End If

' ---- The shared words (issue 16): the effect-size label, the significance decision, the result
' sentence, the not-tested sentence and the overall conclusion come from the DLL (src/messages.rs),
' the same words as the command-line tool's result workbook, so this module keeps no copy of the
' thresholds, the decision or the wording.
#If VBA7 Then
    #If Win64 Then
Private Declare PtrSafe Function c_ttxl_effect_label_utf16 Lib "ttest_xl.dll" Alias "ttxl_effect_label_utf16" ( _
        ByVal d As Double, ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, _
        ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_significant Lib "ttest_xl.dll" Alias "ttxl_significant" ( _
        ByVal p_adjusted As Double, ByVal alpha As Double, ByRef significant As Long) As Long
Private Declare PtrSafe Function c_ttxl_ttest_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_ttest_sentence_utf16" ( _
        ByRef result As TtxlTTest, ByVal p_adjusted As Double, ByVal alpha As Double, _
        ByVal conf_level As Double, ByVal item As LongPtr, ByVal item_len As Long, ByVal label_x As LongPtr, _
        ByVal label_x_len As Long, ByVal label_y As LongPtr, ByVal label_y_len As Long, ByVal language As Long, _
        ByVal buf As LongPtr, ByVal cap As Long, ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_not_tested_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_not_tested_sentence_utf16" ( _
        ByVal item As LongPtr, ByVal item_len As Long, ByVal reason As LongPtr, ByVal reason_len As Long, _
        ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_conclusion_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_conclusion_sentence_utf16" ( _
        ByVal tested As Long, ByVal higher As Long, ByVal lower As Long, ByVal untested As Long, _
        ByVal test As Long, ByVal method As Long, ByVal alpha As Double, ByVal scope As LongPtr, _
        ByVal scope_len As Long, ByVal label_before As LongPtr, ByVal label_before_len As Long, _
        ByVal label_after As LongPtr, ByVal label_after_len As Long, ByVal reasons As LongPtr, _
        ByVal reasons_len As Long, ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, _
        ByRef length As Long) As Long
    #Else
Private Declare PtrSafe Function c_ttxl_effect_label_utf16 Lib "ttest_xl.dll" Alias "ttxl_effect_label_utf16_stdcall" ( _
        ByVal d As Double, ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, _
        ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_significant Lib "ttest_xl.dll" Alias "ttxl_significant_stdcall" ( _
        ByVal p_adjusted As Double, ByVal alpha As Double, ByRef significant As Long) As Long
Private Declare PtrSafe Function c_ttxl_ttest_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_ttest_sentence_utf16_stdcall" ( _
        ByRef result As TtxlTTest, ByVal p_adjusted As Double, ByVal alpha As Double, _
        ByVal conf_level As Double, ByVal item As LongPtr, ByVal item_len As Long, ByVal label_x As LongPtr, _
        ByVal label_x_len As Long, ByVal label_y As LongPtr, ByVal label_y_len As Long, ByVal language As Long, _
        ByVal buf As LongPtr, ByVal cap As Long, ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_not_tested_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_not_tested_sentence_utf16_stdcall" ( _
        ByVal item As LongPtr, ByVal item_len As Long, ByVal reason As LongPtr, ByVal reason_len As Long, _
        ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, ByRef length As Long) As Long
Private Declare PtrSafe Function c_ttxl_conclusion_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_conclusion_sentence_utf16_stdcall" ( _
        ByVal tested As Long, ByVal higher As Long, ByVal lower As Long, ByVal untested As Long, _
        ByVal test As Long, ByVal method As Long, ByVal alpha As Double, ByVal scope As LongPtr, _
        ByVal scope_len As Long, ByVal label_before As LongPtr, ByVal label_before_len As Long, _
        ByVal label_after As LongPtr, ByVal label_after_len As Long, ByVal reasons As LongPtr, _
        ByVal reasons_len As Long, ByVal language As Long, ByVal buf As LongPtr, ByVal cap As Long, _
        ByRef length As Long) As Long
    #End If
#Else
Private Declare Function c_ttxl_effect_label_utf16 Lib "ttest_xl.dll" Alias "ttxl_effect_label_utf16_stdcall" ( _
        ByVal d As Double, ByVal language As Long, ByVal buf As Long, ByVal cap As Long, _
        ByRef length As Long) As Long
Private Declare Function c_ttxl_significant Lib "ttest_xl.dll" Alias "ttxl_significant_stdcall" ( _
        ByVal p_adjusted As Double, ByVal alpha As Double, ByRef significant As Long) As Long
Private Declare Function c_ttxl_ttest_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_ttest_sentence_utf16_stdcall" ( _
        ByRef result As TtxlTTest, ByVal p_adjusted As Double, ByVal alpha As Double, _
        ByVal conf_level As Double, ByVal item As Long, ByVal item_len As Long, ByVal label_x As Long, _
        ByVal label_x_len As Long, ByVal label_y As Long, ByVal label_y_len As Long, ByVal language As Long, _
        ByVal buf As Long, ByVal cap As Long, ByRef length As Long) As Long
Private Declare Function c_ttxl_not_tested_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_not_tested_sentence_utf16_stdcall" ( _
        ByVal item As Long, ByVal item_len As Long, ByVal reason As Long, ByVal reason_len As Long, _
        ByVal language As Long, ByVal buf As Long, ByVal cap As Long, ByRef length As Long) As Long
Private Declare Function c_ttxl_conclusion_sentence_utf16 Lib "ttest_xl.dll" Alias "ttxl_conclusion_sentence_utf16_stdcall" ( _
        ByVal tested As Long, ByVal higher As Long, ByVal lower As Long, ByVal untested As Long, _
        ByVal test As Long, ByVal method As Long, ByVal alpha As Double, ByVal scope As Long, _
        ByVal scope_len As Long, ByVal label_before As Long, ByVal label_before_len As Long, _
        ByVal label_after As Long, ByVal label_after_len As Long, ByVal reasons As Long, _
        ByVal reasons_len As Long, ByVal language As Long, ByVal buf As Long, ByVal cap As Long, _
        ByRef length As Long) As Long
#End If

' Windows functions used to find and load the DLL, to decode UTF-8 and to show Unicode dialogs
' (VBA's MsgBox is not Unicode-safe on a PC whose code page is not Japanese).
#If VBA7 Then
Private Declare PtrSafe Function LoadLibraryW Lib "kernel32" (ByVal lpLibFileName As LongPtr) As LongPtr
Private Declare PtrSafe Function FreeLibrary Lib "kernel32" (ByVal hLibModule As LongPtr) As Long
Private Declare PtrSafe Function GetFileAttributesW Lib "kernel32" (ByVal lpFileName As LongPtr) As Long
Private Declare PtrSafe Function MultiByteToWideChar Lib "kernel32" ( _
        ByVal CodePage As Long, ByVal dwFlags As Long, ByVal lpMultiByteStr As LongPtr, _
        ByVal cbMultiByte As Long, ByVal lpWideCharStr As LongPtr, ByVal cchWideChar As Long) As Long
Private Declare PtrSafe Function MessageBoxW Lib "user32" ( _
        ByVal hWnd As LongPtr, ByVal lpText As LongPtr, ByVal lpCaption As LongPtr, _
        ByVal uType As Long) As Long
#Else
Private Declare Function LoadLibraryW Lib "kernel32" (ByVal lpLibFileName As Long) As Long
Private Declare Function FreeLibrary Lib "kernel32" (ByVal hLibModule As Long) As Long
Private Declare Function GetFileAttributesW Lib "kernel32" (ByVal lpFileName As Long) As Long
Private Declare Function MultiByteToWideChar Lib "kernel32" ( _
        ByVal CodePage As Long, ByVal dwFlags As Long, ByVal lpMultiByteStr As Long, _
        ByVal cbMultiByte As Long, ByVal lpWideCharStr As Long, ByVal cchWideChar As Long) As Long
Private Declare Function MessageBoxW Lib "user32" ( _
        ByVal hWnd As Long, ByVal lpText As Long, ByVal lpCaption As Long, _
        ByVal uType As Long) As Long
#End If

' ==== (3) Loading the DLL =====================================================================

' Full path of ttest_xl.dll (or of its folder) if you want to fix it here instead of in a cell
' named TTXL_DLL_PATH, for example "C:\Tools\ttest-xl\x64\ttest_xl.dll". Empty = search.
Private Const TTXL_DLL_PATH_SETTING As String = ""
' Name of the cell (Formulas > Name Manager) that may hold the DLL's full path or folder.
Private Const DLL_PATH_NAME As String = "TTXL_DLL_PATH"
Private Const DLL_FILE As String = "ttest_xl.dll"
Private Const MODULE_VERSION As String = "0.1.0"

Private Const ERROR_MOD_NOT_FOUND As Long = 126     ' a DLL that ttest_xl.dll needs is missing
Private Const ERROR_PROC_NOT_FOUND As Long = 127    ' a function that ttest_xl.dll imports is missing
Private Const ERROR_BAD_EXE_FORMAT As Long = 193    ' 32-bit DLL in 64-bit Office or the reverse
Private Const INVALID_FILE_ATTRIBUTES As Long = -1
Private Const FILE_ATTRIBUTE_DIRECTORY As Long = &H10
Private Const CP_UTF8 As Long = 65001
Private Const MB_OK As Long = &H0
Private Const MB_YESNOCANCEL As Long = &H3
Private Const MB_YESNO As Long = &H4
Private Const MB_ICONQUESTION As Long = &H20
Private Const MB_ICONEXCLAMATION As Long = &H30
Private Const MB_ICONINFORMATION As Long = &H40
Private Const IDYES As Long = 6
Private Const IDNO As Long = 7
Private Const LANGUAGE_JAPANESE As Long = 1041
Private Const VT_LONGLONG As Long = 20              ' vbLongLong exists only in 64-bit VBA

Private Const KIND_WELCH As Long = 1
Private Const KIND_STUDENT As Long = 2
Private Const KIND_PAIRED As Long = 3
Private Const KIND_ONE_SAMPLE As Long = 4

' Tolerances of the self-test: |actual - expected| <= tol * max(1, |expected|).
Private Const TOL_TEST As Double = 0.000000001      ' t, df, p, CI: R agrees to ~1e-15
Private Const TOL_EFFECT As Double = 0.000001       ' d/g CI ends: effectsize's optimiser stops near 1e-7

#If VBA7 Then
Private mDll As LongPtr
#Else
Private mDll As Long
#End If
Private mDllPath As String
Private mNaN As Double
Private mNaNReady As Boolean
Private mLoadDialogShown As Boolean
Private mLastError As String
Private mCellErrors As Collection   ' message of each cell's last failure, keyed by its address
Private mLanguageKnown As Boolean
Private mJapanese As Boolean
' Counters of TTXL_SelfTest.
Private mPassed As Long
Private mFailed As Long
Private mReport As String

' Bits of a Double, to classify NaN and infinities without comparing them (see NumberClass).
Private Type DoubleBits
    number As Double
End Type
Private Type DoubleWords
    low As Long
    high As Long
End Type

' True when Office's user-interface language is Japanese.
Private Function IsJapanese() As Boolean
    If Not mLanguageKnown Then
        mJapanese = (Application.LanguageSettings.LanguageID(msoLanguageIDUI) = LANGUAGE_JAPANESE)
        mLanguageKnown = True
    End If
    IsJapanese = mJapanese
End Function

' Picks the English or the Japanese text by the UI language.
Private Function L(ByVal english As String, ByVal japanese As String) As String
    If IsJapanese() Then
        L = japanese
    Else
        L = english
    End If
End Function

' Decodes \uXXXX escapes (4 hex digits) into characters: U("\u4E8B\u524D") = the word "before"
' in Japanese. Keeps this file ASCII-only (see the file header).
Private Function U(ByVal escaped As String) As String
    Dim i As Long, result As String
    i = 1
    Do While i <= Len(escaped)
        If Mid$(escaped, i, 2) = "\u" And i + 5 <= Len(escaped) Then
            result = result & ChrW$(Val("&H" & Mid$(escaped, i + 2, 4) & "&"))   ' "&" suffix: read as Long
            i = i + 6
        Else
            result = result & Mid$(escaped, i, 1)
            i = i + 1
        End If
    Loop
    U = result
End Function

' Shows a Unicode message box owned by Excel's window and returns the button pressed.
Private Function ShowMessage(ByVal text As String, ByVal flags As Long) As Long
    Dim caption As String
    caption = "ttest-xl"
    ShowMessage = MessageBoxW(Application.hWnd, StrPtr(text), StrPtr(caption), flags)
End Function

' Loads ttest_xl.dll by full path (once per Excel session) and returns True when it is usable.
' On failure sets the message TTXL_LAST_ERROR shows and, once per session, shows one dialog that
' lists every place tried. Call before the first call of any c_ttxl_* function.
Private Function EnsureDll() As Boolean
    If mDll <> 0 Then
        EnsureDll = True
        Exit Function
    End If

    Dim candidates As Collection, notes As String, tried As String
    Dim item As Variant, path As String, loadError As Long, wrongBitness As Boolean
    Dim otherError As Boolean, oldWindows As Boolean
#If VBA7 Then
    Dim handle As LongPtr
#Else
    Dim handle As Long
#End If
    Set candidates = New Collection
    CollectCandidates candidates, notes

    For Each item In candidates
        path = CStr(item)
        If Not FileExists(path) Then
            tried = tried & vbCrLf & "  " & path & L("   - not found", U("\u3000\u2192 \u898B\u3064\u304B\u308A\u307E\u305B\u3093"))
        Else
            handle = LoadLibraryW(StrPtr(path))
            If handle <> 0 Then
                If DllIsCompatible(handle, path) Then
                    mDll = handle
                    mDllPath = path
                    EnsureDll = True
                End If
                Exit Function
            End If
            ' Err.LastDllError is GetLastError() of the call above (calling GetLastError through a
            ' Declare would read a value VBA has already overwritten).
            loadError = Err.LastDllError
            If loadError = ERROR_BAD_EXE_FORMAT Then
                wrongBitness = True
                tried = tried & vbCrLf & "  " & path & L("   - found, but built for " & OtherBitnessText() _
                        & " (Windows error 193)", U("\u3000\u2192 \u3042\u308A\u307E\u3059\u304C\u3001") _
                        & OtherBitnessText() & U(" \u7528\u3067\u3059\uFF08Windows \u30A8\u30E9\u30FC 193\uFF09"))
            ElseIf loadError = ERROR_MOD_NOT_FOUND Or loadError = ERROR_PROC_NOT_FOUND Then
                ' ttest_xl.dll imports ProcessPrng (Windows 10 and later) and WaitOnAddress (8 and
                ' later): on older Windows, or with a system DLL missing, LoadLibrary fails with 126/127.
                oldWindows = True
                tried = tried & vbCrLf & "  " & path & L("   - found, but this Windows lacks a function it needs (error " _
                        & loadError & ")", U("\u3000\u2192 \u3042\u308A\u307E\u3059\u304C\u3001\u3053\u306E Windows \u306B\u306F\u5FC5\u8981\u306A\u6A5F\u80FD\u304C\u3042\u308A\u307E\u305B\u3093\uFF08\u30A8\u30E9\u30FC ") _
                        & loadError & U("\uFF09"))
            Else
                otherError = True
                tried = tried & vbCrLf & "  " & path & L("   - found, but Windows could not load it (error " _
                        & loadError & ")", U("\u3000\u2192 \u3042\u308A\u307E\u3059\u304C\u3001Windows \u304C\u8AAD\u307F\u8FBC\u3081\u307E\u305B\u3093\u3067\u3057\u305F\uFF08\u30A8\u30E9\u30FC ") _
                        & loadError & U("\uFF09"))
            End If
        End If
    Next item

    Dim message As String
    message = LoadFailureMessage(tried, notes, wrongBitness, otherError, oldWindows)
    mLastError = message
    RememberForCaller message
    If Not mLoadDialogShown And Application.Interactive Then
        mLoadDialogShown = True
        ShowMessage message, MB_OK Or MB_ICONEXCLAMATION
    End If
End Function

' The one dialog shown when no candidate could be loaded.
Private Function LoadFailureMessage(ByVal tried As String, ByVal notes As String, _
        ByVal wrongBitness As Boolean, ByVal otherError As Boolean, ByVal oldWindows As Boolean) As String
    Dim text As String
    text = L("ttest-xl could not load its DLL, so the TTXL_ functions cannot calculate.", _
            U("ttest-xl \u306E DLL \u3092\u8AAD\u307F\u8FBC\u3081\u306A\u304B\u3063\u305F\u305F\u3081\u3001TTXL_ \u95A2\u6570\u3067\u8A08\u7B97\u3067\u304D\u307E\u305B\u3093\u3002")) & vbCrLf & vbCrLf
    text = text & L("This Excel is " & BitnessText() & ", so it needs the file " & BitnessFolder() & "\" _
            & DLL_FILE & " from the ttest-xl download.", _
            U("\u3053\u306E Excel \u306F ") & BitnessText() & U(" \u7248\u306A\u306E\u3067\u3001ttest-xl \u306E\u914D\u5E03\u30D5\u30A1\u30A4\u30EB\u306B\u3042\u308B ") & BitnessFolder() & "\" & DLL_FILE _
            & U(" \u304C\u5FC5\u8981\u3067\u3059\u3002")) & vbCrLf & vbCrLf
    text = text & L("Places tried, in this order:", U("\u63A2\u3057\u305F\u5834\u6240\uFF08\u3053\u306E\u9806\uFF09\uFF1A")) & tried & vbCrLf
    If Len(notes) > 0 Then text = text & notes & vbCrLf
    text = text & vbCrLf
    If wrongBitness Then
        text = text & L("A ttest_xl.dll was found but it is the " & OtherBitnessText() & " one. Replace it with the file" _
                & " from the " & BitnessFolder() & " folder of the download.", _
                U("ttest_xl.dll \u306F\u898B\u3064\u304B\u308A\u307E\u3057\u305F\u304C ") & OtherBitnessText() _
                & U(" \u7528\u3067\u3059\u3002\u914D\u5E03\u30D5\u30A1\u30A4\u30EB\u306E ") & BitnessFolder() _
                & U(" \u30D5\u30A9\u30EB\u30C0\u30FC\u306B\u3042\u308B\u3082\u306E\u3068\u5DEE\u3057\u66FF\u3048\u3066\u304F\u3060\u3055\u3044\u3002")) & vbCrLf
    End If
    If oldWindows Then
        text = text & L("ttest_xl.dll needs Windows 10 or 11 (it uses ProcessPrng and WaitOnAddress, which older" _
                & " Windows does not have). Use a PC with Windows 10 or 11, or the command-line tool on a PC that has it.", _
                U("ttest_xl.dll \u306B\u306F Windows 10 \u307E\u305F\u306F 11 \u304C\u5FC5\u8981\u3067\u3059\uFF08\u53E4\u3044 Windows \u306B\u306F\u306A\u3044 ProcessPrng \u3068 WaitOnAddress \u3092\u4F7F\u3063\u3066\u3044\u307E\u3059\uFF09\u3002Windows 10 \u307E\u305F\u306F 11 \u306E PC \u3067\u4F7F\u3063\u3066\u304F\u3060\u3055\u3044\u3002")) & vbCrLf
    End If
    If otherError Then
        text = text & L("Windows refused to load a file that exists. Check that it was unblocked (right-click >" _
                & " Properties > Unblock) and that it is not damaged; see Troubleshooting in README.", _
                U("\u30D5\u30A1\u30A4\u30EB\u306F\u3042\u308A\u307E\u3059\u304C Windows \u304C\u8AAD\u307F\u8FBC\u307F\u3092\u62D2\u5426\u3057\u307E\u3057\u305F\u3002\u30D6\u30ED\u30C3\u30AF\u304C\u89E3\u9664\u3055\u308C\u3066\u3044\u308B\u304B\uFF08\u53F3\u30AF\u30EA\u30C3\u30AF > \u30D7\u30ED\u30D1\u30C6\u30A3 > \u300C\u8A31\u53EF\u3059\u308B\u300D\u306B\u30C1\u30A7\u30C3\u30AF\uFF09\u3001\u30D5\u30A1\u30A4\u30EB\u304C\u7834\u640D\u3057\u3066\u3044\u306A\u3044\u304B\u3092\u78BA\u8A8D\u3057\u3066\u304F\u3060\u3055\u3044\uFF08README \u306E\u300C\u3046\u307E\u304F\u3044\u304B\u306A\u3044\u3068\u304D\u300D\u3092\u53C2\u7167\uFF09\u3002")) & vbCrLf
    End If
    text = text & L("To fix: put the " & BitnessFolder() & " folder (with " & DLL_FILE & " inside) next to this" _
            & " workbook, or type the full path of " & DLL_FILE & " into a cell and name that cell " _
            & DLL_PATH_NAME & ". Then press Ctrl+Alt+F9 to recalculate." & vbCrLf _
            & "(This message is shown once per Excel session; =TTXL_LAST_ERROR() repeats it.)", _
            U("\u5BFE\u51E6\u65B9\u6CD5\uFF1A\u3053\u306E\u30D6\u30C3\u30AF\u3068\u540C\u3058\u30D5\u30A9\u30EB\u30C0\u30FC\u306B ") & BitnessFolder() _
            & U(" \u30D5\u30A9\u30EB\u30C0\u30FC\uFF08\u4E2D\u306B ") & DLL_FILE & U("\uFF09\u3092\u7F6E\u304F\u304B\u3001") & DLL_FILE _
            & U(" \u306E\u30D5\u30EB\u30D1\u30B9\u3092\u30BB\u30EB\u306B\u5165\u529B\u3057\u3066\u305D\u306E\u30BB\u30EB\u306B ") & DLL_PATH_NAME _
            & U(" \u3068\u3044\u3046\u540D\u524D\u3092\u4ED8\u3051\u3066\u304F\u3060\u3055\u3044\u3002\u305D\u306E\u5F8C\u3001Ctrl+Alt+F9 \u30AD\u30FC\u3067\u518D\u8A08\u7B97\u3057\u3066\u304F\u3060\u3055\u3044\u3002") & vbCrLf _
            & U("\uFF08\u3053\u306E\u30E1\u30C3\u30BB\u30FC\u30B8\u306F Excel \u3092\u8D77\u52D5\u3059\u308B\u3054\u3068\u306B 1 \u56DE\u3060\u3051\u8868\u793A\u3057\u307E\u3059\u3002=TTXL_LAST_ERROR() \u3067\u3082\u78BA\u8A8D\u3067\u304D\u307E\u3059\u3002\uFF09"))
    LoadFailureMessage = text
End Function

' Checks a freshly loaded DLL: its ABI version must be the one this module was written for.
#If VBA7 Then
Private Function DllIsCompatible(ByVal handle As LongPtr, ByVal path As String) As Boolean
#Else
Private Function DllIsCompatible(ByVal handle As Long, ByVal path As String) As Boolean
#End If
    Dim abi As Long, message As String
    abi = c_ttxl_abi_version()
    If abi = TTXL_ABI_VERSION Then
        ' Messages (ttxl_last_error_utf16) in Office's UI language. Excel calls worksheet
        ' functions written in VBA on its main thread, the thread this setting belongs to.
        c_ttxl_set_language IIf(IsJapanese(), TTXL_LANG_JA, TTXL_LANG_EN)
        DllIsCompatible = True
        Exit Function
    End If
    FreeLibrary handle
    message = L("The file " & path & " is a ttest_xl.dll of another release (ABI version " & abi _
            & "; this module needs version " & TTXL_ABI_VERSION & "). Use the DLL and the module" _
            & " (TTestXL.bas) from the same download, then restart Excel.", _
            U("\u30D5\u30A1\u30A4\u30EB ") & path & U(" \u306F\u5225\u306E\u30EA\u30EA\u30FC\u30B9\u306E ttest_xl.dll \u3067\u3059\uFF08ABI \u30D0\u30FC\u30B8\u30E7\u30F3 ") & abi _
            & U("\u3002\u3053\u306E\u30E2\u30B8\u30E5\u30FC\u30EB\u306B\u306F\u30D0\u30FC\u30B8\u30E7\u30F3 ") & TTXL_ABI_VERSION _
            & U(" \u304C\u5FC5\u8981\u3067\u3059\uFF09\u3002\u540C\u3058\u914D\u5E03\u30D5\u30A1\u30A4\u30EB\u306E DLL \u3068\u30E2\u30B8\u30E5\u30FC\u30EB\uFF08TTestXL.bas\uFF09\u3092\u4F7F\u3044\u3001Excel \u3092\u518D\u8D77\u52D5\u3057\u3066\u304F\u3060\u3055\u3044\u3002"))
    mLastError = message
    If Not mLoadDialogShown And Application.Interactive Then
        mLoadDialogShown = True
        ShowMessage message, MB_OK Or MB_ICONEXCLAMATION
    End If
End Function

' The places to look for the DLL, in order: the path the user set (named cell TTXL_DLL_PATH,
' then the constant TTXL_DLL_PATH_SETTING), the folder of the workbook that uses the function,
' the folder of the workbook or add-in holding this module, and Excel's add-in folder. In each
' folder: <folder>\x64\ttest_xl.dll (x86 in 32-bit Office), then <folder>\ttest_xl.dll.
Private Sub CollectCandidates(ByVal candidates As Collection, ByRef notes As String)
    Dim userPath As String, book As Object
    Set book = CallerWorkbook()
    If Not book Is Nothing Then userPath = NamedPath(book, notes)
    If Len(userPath) = 0 Then userPath = NamedPath(ThisWorkbook, notes)
    AddUserPath candidates, userPath, notes
    AddUserPath candidates, Trim$(TTXL_DLL_PATH_SETTING), notes
    If Not book Is Nothing Then AddFolder candidates, book.Path, notes
    AddFolder candidates, ThisWorkbook.Path, notes
    AddFolder candidates, Application.UserLibraryPath, notes
End Sub

' A user-set path is either the DLL itself or the folder holding it (or its x64/x86 folders).
' Explorer's "Copy as path" puts the path in double quotes: they are removed.
Private Sub AddUserPath(ByVal candidates As Collection, ByVal userPath As String, ByRef notes As String)
    userPath = Trim$(userPath)
    If Len(userPath) >= 2 And Left$(userPath, 1) = """" And Right$(userPath, 1) = """" Then
        userPath = Trim$(Mid$(userPath, 2, Len(userPath) - 2))
    End If
    If Len(userPath) = 0 Then Exit Sub
    If LCase$(Right$(userPath, 4)) = ".dll" Then
        AddCandidate candidates, userPath
    Else
        AddFolder candidates, userPath, notes
    End If
End Sub

Private Sub AddFolder(ByVal candidates As Collection, ByVal folder As String, ByRef notes As String)
    If Len(folder) = 0 Then Exit Sub
    If LCase$(Left$(folder, 4)) = "http" Then
        ' A workbook opened from OneDrive or SharePoint reports a web address as its path.
        notes = notes & vbCrLf & L("Note: " & folder & " is a web address (OneDrive/SharePoint), not a folder" _
                & " Windows can load a DLL from. Put the DLL in a local folder and set " & DLL_PATH_NAME & ".", _
                U("\u6CE8\u610F\uFF1A") & folder & U(" \u306F Web \u30A2\u30C9\u30EC\u30B9\uFF08OneDrive\uFF0FSharePoint\uFF09\u3067\u3001DLL \u3092\u8AAD\u307F\u8FBC\u3081\u308B\u30D5\u30A9\u30EB\u30C0\u30FC\u3067\u306F\u3042\u308A\u307E\u305B\u3093\u3002DLL \u3092\u3053\u306E PC \u306E\u30D5\u30A9\u30EB\u30C0\u30FC\u306B\u7F6E\u304D\u3001") _
                & DLL_PATH_NAME & U(" \u3092\u8A2D\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002"))
        Exit Sub
    End If
    If Right$(folder, 1) = "\" Then folder = Left$(folder, Len(folder) - 1)
    AddCandidate candidates, folder & "\" & BitnessFolder() & "\" & DLL_FILE
    AddCandidate candidates, folder & "\" & DLL_FILE
End Sub

Private Sub AddCandidate(ByVal candidates As Collection, ByVal path As String)
    Dim item As Variant
    For Each item In candidates
        If StrComp(CStr(item), path, vbTextCompare) = 0 Then Exit Sub
    Next item
    candidates.Add path
End Sub

' The workbook whose cell calls the function, or the active workbook when run as a macro.
Private Function CallerWorkbook() As Object
    If TypeName(Application.Caller) = "Range" Then
        Set CallerWorkbook = Application.Caller.Worksheet.Parent
    ElseIf Not ActiveWorkbook Is Nothing Then
        Set CallerWorkbook = ActiveWorkbook
    End If
End Function

' The text of the workbook-level or sheet-level name TTXL_DLL_PATH, or "" when there is none.
Private Function NamedPath(ByVal book As Object, ByRef notes As String) As String
    Dim nm As Object, shortName As String
    For Each nm In book.Names
        shortName = Mid$(nm.Name, InStr(nm.Name, "!") + 1)
        If StrComp(shortName, DLL_PATH_NAME, vbTextCompare) = 0 Then
            NamedPath = Trim$(NameText(nm, notes))
            Exit Function
        End If
    Next nm
End Function

' A name refers to a cell (=Sheet1!$B$2) or holds a text constant (="C:\...\ttest_xl.dll").
Private Function NameText(ByVal nm As Object, ByRef notes As String) As String
    Dim value As Variant, refersTo As String
    On Error GoTo NotACell
    value = nm.RefersToRange.Value2
    If VarType(value) = vbString Then NameText = CStr(value)
    Exit Function
NotACell:
    ' RefersToRange raises an error when the name is not a cell: read it as a text constant.
    refersTo = nm.RefersTo
    If Left$(refersTo, 2) = "=""" And Right$(refersTo, 1) = """" And Len(refersTo) > 3 Then
        NameText = Replace(Mid$(refersTo, 3, Len(refersTo) - 3), """""", """")
    Else
        notes = notes & vbCrLf & L("Note: the name " & DLL_PATH_NAME & " refers to " & refersTo _
                & ", which is neither a cell nor a text; it was ignored.", _
                U("\u6CE8\u610F\uFF1A\u540D\u524D ") & DLL_PATH_NAME & U(" \u306E\u53C2\u7167\u5148 ") & refersTo _
                & U(" \u306F\u30BB\u30EB\u3067\u3082\u6587\u5B57\u5217\u3067\u3082\u306A\u3044\u305F\u3081\u3001\u7121\u8996\u3057\u307E\u3057\u305F\u3002"))
    End If
End Function

Private Function FileExists(ByVal path As String) As Boolean
    Dim attributes As Long
    attributes = GetFileAttributesW(StrPtr(path))
    If attributes = INVALID_FILE_ATTRIBUTES Then Exit Function
    FileExists = ((attributes And FILE_ATTRIBUTE_DIRECTORY) = 0)
End Function

Private Function BitnessFolder() As String
#If Win64 Then
    BitnessFolder = "x64"
#Else
    BitnessFolder = "x86"
#End If
End Function

Private Function BitnessText() As String
#If Win64 Then
    BitnessText = L("64-bit", U("64 \u30D3\u30C3\u30C8"))
#Else
    BitnessText = L("32-bit", U("32 \u30D3\u30C3\u30C8"))
#End If
End Function

Private Function OtherBitnessText() As String
#If Win64 Then
    OtherBitnessText = L("32-bit Office", U("32 \u30D3\u30C3\u30C8\u7248 Office"))
#Else
    OtherBitnessText = L("64-bit Office", U("64 \u30D3\u30C3\u30C8\u7248 Office"))
#End If
End Function

' Converts a NUL-terminated UTF-8 string returned by the DLL into a VBA String.
#If VBA7 Then
Private Function Utf8ToString(ByVal pointer As LongPtr) As String
#Else
Private Function Utf8ToString(ByVal pointer As Long) As String
#End If
    Dim units As Long, text As String
    If pointer = 0 Then Exit Function
    units = MultiByteToWideChar(CP_UTF8, 0, pointer, -1, 0, 0)   ' length including the NUL
    If units <= 1 Then Exit Function
    text = String$(units - 1, vbNullChar)                        ' a BSTR has room for the NUL
    units = MultiByteToWideChar(CP_UTF8, 0, pointer, -1, StrPtr(text), units)
    If units = 0 Then Exit Function
    Utf8ToString = text
End Function

' Reads the DLL's message for its last failure (UTF-16, so Japanese survives any code page) and
' remembers it, prefixed with the function name, for TTXL_LAST_ERROR.
Private Sub RememberDllError(ByVal functionName As String, ByVal status As Long)
    Dim buffer As String, needed As Long, cut As Long
    buffer = String$(512, vbNullChar)
    needed = c_ttxl_last_error_utf16(StrPtr(buffer), Len(buffer))
    If needed >= Len(buffer) Then
        buffer = String$(needed + 1, vbNullChar)
        needed = c_ttxl_last_error_utf16(StrPtr(buffer), Len(buffer))
    End If
    cut = InStr(buffer, vbNullChar)
    If cut > 0 Then buffer = Left$(buffer, cut - 1)
    If Len(buffer) = 0 Then buffer = L("error status ", U("\u72B6\u614B\u30B3\u30FC\u30C9 ")) & status
    mLastError = functionName & ": " & buffer
    RememberForCaller mLastError
End Sub

' Maps a DLL status to the Excel error value a formula shows.
Private Function StatusToExcelError(ByVal status As Long) As Long
    Select Case status
    Case TTXL_ERR_LENGTH
        StatusToExcelError = xlErrNA
    Case TTXL_ERR_NULL
        StatusToExcelError = xlErrValue
    Case Else   ' TOO_FEW, CONSTANT, ARGUMENT, INTERNAL and any future code
        StatusToExcelError = xlErrNum
    End Select
End Function

' 0 when status is TTXL_OK; otherwise remembers the DLL's message and returns an Excel error code.
Private Function CheckStatus(ByVal status As Long, ByVal functionName As String) As Long
    If status = TTXL_OK Then Exit Function
    RememberDllError functionName, status
    CheckStatus = StatusToExcelError(status)
End Function

' Remembers a message found on the VBA side and returns the Excel error code to show.
Private Function Fail(ByVal excelError As Long, ByVal functionName As String, ByVal message As String) As Long
    mLastError = functionName & ": " & message
    RememberForCaller mLastError
    Fail = excelError
End Function

' The key of the cell whose formula is being calculated ("" when run from a macro).
Private Function CallerKey() As String
    If TypeName(Application.Caller) = "Range" Then
        CallerKey = LCase$(Application.Caller.Cells(1, 1).Address(True, True, xlA1, True))
    End If
End Function

' Keeps message as the last failure of the calling cell, for TTXL_LAST_ERROR(that cell).
Private Sub RememberForCaller(ByVal message As String)
    Dim key As String
    key = CallerKey()
    If Len(key) = 0 Then Exit Sub
    If mCellErrors Is Nothing Then Set mCellErrors = New Collection
    ForgetCell key
    mCellErrors.Add message, key
End Sub

Private Sub ForgetCell(ByVal key As String)
    If mCellErrors Is Nothing Then Exit Sub
    On Error GoTo NotThere
    mCellErrors.Remove key
NotThere:
End Sub

' Called first by every worksheet function: the calling cell's old message no longer applies.
Private Sub BeginCall()
    Dim key As String
    key = CallerKey()
    If Len(key) > 0 Then ForgetCell key
End Sub

' ==== (4) Reading cells and arguments ========================================================

' Classifies a Double from its IEEE 754 bits: 0 finite, 1 +infinity, -1 -infinity, 2 NaN.
' (VBA has no IsNaN, and comparing a NaN is not reliable.)
Private Function NumberClass(ByVal x As Double) As Long
    Dim bits As DoubleBits, words As DoubleWords
    bits.number = x
    LSet words = bits
    If (words.high And &H7FF00000) <> &H7FF00000 Then
        NumberClass = 0
    ElseIf (words.high And &HFFFFF) = 0 And words.low = 0 Then
        If words.high < 0 Then NumberClass = -1 Else NumberClass = 1
    Else
        NumberClass = 2
    End If
End Function

' A result number as a cell value: infinities as the text "Inf"/"-Inf" (Excel cells cannot hold
' them; they are the open end of a one-sided confidence interval), NaN as #N/A.
Private Function CellNumber(ByVal x As Double) As Variant
    Select Case NumberClass(x)
    Case 0
        CellNumber = x
    Case 1
        CellNumber = "Inf"
    Case -1
        CellNumber = "-Inf"
    Case Else
        CellNumber = CVErr(xlErrNA)
    End Select
End Function

' Number of dimensions of an array (0 for a scalar). UBound raises an error past the last
' dimension; that error is the answer, not a failure.
Private Function ArrayRank(ByRef data As Variant) As Long
    Dim k As Long, bound As Long
    If Not IsArray(data) Then Exit Function
    On Error GoTo NoMoreDimensions
    For k = 1 To 60
        bound = UBound(data, k)
    Next k
NoMoreDimensions:
    ArrayRank = k - 1
End Function

' The xlErr... code of an Excel error value (compared with CVErr values; 0 when not an error).
Private Function ErrorCode(ByVal value As Variant) As Long
    Dim codes As Variant, k As Long
    If Not IsError(value) Then Exit Function
    codes = Array(xlErrNA, xlErrDiv0, xlErrValue, xlErrRef, xlErrName, xlErrNum, xlErrNull)
    For k = LBound(codes) To UBound(codes)
        If value = CVErr(codes(k)) Then
            ErrorCode = codes(k)
            Exit Function
        End If
    Next k
    ErrorCode = xlErrValue
End Function

' Text of an Excel error value, for messages. Compared with CVErr values, not parsed from
' CStr(value): CStr gives "Error 2042" in English Office and another word in localised Office.
Private Function ErrorText(ByVal value As Variant) As String
    If Not IsError(value) Then
        ErrorText = CStr(value)
        Exit Function
    End If
    Select Case value
    Case CVErr(xlErrNA)
        ErrorText = "#N/A"
    Case CVErr(xlErrDiv0)
        ErrorText = "#DIV/0!"
    Case CVErr(xlErrValue)
        ErrorText = "#VALUE!"
    Case CVErr(xlErrRef)
        ErrorText = "#REF!"
    Case CVErr(xlErrName)
        ErrorText = "#NAME?"
    Case CVErr(xlErrNum)
        ErrorText = "#NUM!"
    Case CVErr(xlErrNull)
        ErrorText = "#NULL!"
    Case Else
        ErrorText = "#ERROR"
    End Select
End Function

' A quiet NaN (the missing value the DLL skips), built from its bits in VBA so that it exists
' before the DLL is loaded: a blank read earlier must never become 0.
Private Function NotANumber() As Double
    Dim bits As DoubleBits, words As DoubleWords
    If Not mNaNReady Then
        words.high = &H7FF80000
        words.low = 0
        LSet bits = words
        mNaN = bits.number
        mNaNReady = True
    End If
    NotANumber = mNaN
End Function

' One cell value to a number: numbers as they are; blank, text and TRUE/FALSE are missing (NaN,
' never CDbl of a blank: a blank is not 0). Returns False for an error value.
Private Function CellToDouble(ByVal value As Variant, ByRef number As Double) As Boolean
    Select Case VarType(value)
    Case vbDouble, vbSingle, vbInteger, vbLong, vbByte, vbCurrency, vbDecimal, vbDate, VT_LONGLONG
        number = CDbl(value)
    Case vbError
        Exit Function
    Case Else   ' vbEmpty (blank), vbString (text, "n/a", numbers stored as text), vbBoolean, vbNull
        number = NotANumber()
    End Select
    CellToDouble = True
End Function

' The values of a range (read once through Range.Value2), an array constant or a single value.
Private Function DataOf(ByVal source As Variant, ByVal argName As String, ByVal functionName As String, _
        ByRef data As Variant) As Long
    If IsMissing(source) Then
        DataOf = Fail(xlErrValue, functionName, argName & L(" is required.", U(" \u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    ElseIf IsObject(source) Then
        If TypeName(source) <> "Range" Then
            DataOf = Fail(xlErrValue, functionName, argName & L(" must be a range or an array.", _
                    U(" \u306B\u306F\u30BB\u30EB\u7BC4\u56F2\u304B\u914D\u5217\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
        ElseIf source.Areas.Count > 1 Then
            DataOf = Fail(xlErrValue, functionName, argName & L(" must be one rectangular range, not several.", _
                    U(" \u306B\u306F\u9023\u7D9A\u3057\u305F 1 \u3064\u306E\u30BB\u30EB\u7BC4\u56F2\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\uFF08\u8907\u6570\u306E\u7BC4\u56F2\u306F\u6307\u5B9A\u3067\u304D\u307E\u305B\u3093\uFF09\u3002")))
        Else
            data = UsedPart(source).Value2
        End If
    Else
        data = source
    End If
End Function

' Whole columns cut at the last used row of their sheet, so =TTXL_WELCH(B:B, C:C) reads the
' filled rows and not 1,048,576 cells per column. Any other range is read as given (so two
' explicit ranges of one size keep one size); a whole column below the used range keeps one row.
Private Function UsedPart(ByVal source As Range) As Range
    Dim used As Range, lastRow As Long, rowCount As Long
    If source.Rows.Count < source.Worksheet.Rows.Count Then
        Set UsedPart = source
        Exit Function
    End If
    Set used = source.Worksheet.UsedRange
    lastRow = used.Row + used.Rows.Count - 1
    rowCount = lastRow - source.Row + 1
    If rowCount < 1 Then rowCount = 1
    Set UsedPart = source.Resize(rowCount, source.Columns.Count)
End Function

' Reads a range / array / value into a zero-based Double array in row-major order (row by row,
' as Excel's own functions do), blanks and text as NaN. An error cell gives #VALUE! with its
' position. values always has at least one element so values(0) can be passed to the DLL.
Private Function ReadValues(ByVal source As Variant, ByVal argName As String, ByVal functionName As String, _
        ByRef values() As Double, ByRef count As Long) As Long
    Dim data As Variant, code As Long, r As Long, c As Long, i As Long
    code = DataOf(source, argName, functionName, data)
    If code <> 0 Then
        ReadValues = code
        Exit Function
    End If
    Select Case ArrayRank(data)
    Case 0
        count = 1
        ReDim values(0 To 0)
        If Not CellToDouble(data, values(0)) Then
            ReadValues = ErrorCell(functionName, argName, ErrorText(data), 1, 1)
        End If
    Case 1
        count = UBound(data) - LBound(data) + 1
        If count < 0 Then count = 0
        ReDim values(0 To MaxLong(count - 1, 0))
        For i = 0 To count - 1
            If Not CellToDouble(data(LBound(data) + i), values(i)) Then
                ReadValues = ErrorCell(functionName, argName, ErrorText(data(LBound(data) + i)), 1, i + 1)
                Exit Function
            End If
        Next i
    Case 2
        count = (UBound(data, 1) - LBound(data, 1) + 1) * (UBound(data, 2) - LBound(data, 2) + 1)
        ReDim values(0 To MaxLong(count - 1, 0))
        i = 0
        For r = LBound(data, 1) To UBound(data, 1)
            For c = LBound(data, 2) To UBound(data, 2)
                If Not CellToDouble(data(r, c), values(i)) Then
                    ReadValues = ErrorCell(functionName, argName, ErrorText(data(r, c)), _
                            r - LBound(data, 1) + 1, c - LBound(data, 2) + 1)
                    Exit Function
                End If
                i = i + 1
            Next c
        Next r
    Case Else
        ReadValues = Fail(xlErrValue, functionName, argName & L(" has more than two dimensions.", _
                U(" \u306F 3 \u6B21\u5143\u4EE5\u4E0A\u306E\u914D\u5217\u306E\u305F\u3081\u4F7F\u3048\u307E\u305B\u3093\u3002")))
    End Select
End Function

Private Function ErrorCell(ByVal functionName As String, ByVal argName As String, ByVal errorValue As String, _
        ByVal rowIndex As Long, ByVal columnIndex As Long) As Long
    ErrorCell = Fail(xlErrValue, functionName, L(argName & " contains the error value " & errorValue _
            & " (row " & rowIndex & ", column " & columnIndex & " of the range). Fix or clear that cell.", _
            argName & U(" \u306B\u30A8\u30E9\u30FC\u5024 ") & errorValue & U(" \u304C\u3042\u308A\u307E\u3059\uFF08\u7BC4\u56F2\u306E ") & rowIndex & U(" \u884C\u76EE\u30FB") _
            & columnIndex & U(" \u5217\u76EE\uFF09\u3002\u305D\u306E\u30BB\u30EB\u3092\u4FEE\u6B63\u3059\u308B\u304B\u3001\u7A7A\u6B04\u306B\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
End Function

Private Function MaxLong(ByVal a As Long, ByVal b As Long) As Long
    If a > b Then MaxLong = a Else MaxLong = b
End Function

' The value of an optional scalar argument: Empty when omitted or blank, the cell's value for a
' one-cell range, #VALUE! for a larger range.
Private Function ArgValue(ByVal arg As Variant) As Variant
    If IsMissing(arg) Then
        ArgValue = Empty
    ElseIf IsObject(arg) Then
        If TypeName(arg) = "Range" Then
            If arg.Rows.Count = 1 And arg.Columns.Count = 1 Then
                ArgValue = arg.Value2
            Else
                ArgValue = CVErr(xlErrValue)
            End If
        Else
            ArgValue = CVErr(xlErrValue)
        End If
    Else
        ArgValue = arg
    End If
End Function

Private Function IsNumberValue(ByVal value As Variant) As Boolean
    Select Case VarType(value)
    Case vbDouble, vbSingle, vbInteger, vbLong, vbByte, vbCurrency, vbDecimal, VT_LONGLONG
        IsNumberValue = True
    End Select
End Function

' A numeric argument, defaultValue when omitted or blank.
Private Function NumberArg(ByVal arg As Variant, ByVal defaultValue As Double, ByVal argName As String, _
        ByVal functionName As String, ByRef number As Double) As Long
    Dim value As Variant
    value = ArgValue(arg)
    If IsEmpty(value) Then
        number = defaultValue
    ElseIf IsNumberValue(value) Then
        number = CDbl(value)
    Else
        NumberArg = Fail(xlErrValue, functionName, argName & L(" must be a number.", U(" \u306B\u306F\u6570\u5024\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' TRUE/FALSE (or 1/0), defaultValue when omitted or blank.
Private Function BoolArg(ByVal arg As Variant, ByVal defaultValue As Boolean, ByVal argName As String, _
        ByVal functionName As String, ByRef flag As Boolean) As Long
    Dim value As Variant
    value = ArgValue(arg)
    If IsEmpty(value) Then
        flag = defaultValue
    ElseIf VarType(value) = vbBoolean Then
        flag = value
    ElseIf IsNumberValue(value) Then
        flag = (value <> 0)
    Else
        BoolArg = Fail(xlErrValue, functionName, argName & L(" must be TRUE or FALSE.", _
                U(" \u306B\u306F TRUE \u304B FALSE \u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' Lower-case text with "-", "_" and spaces turned into ".", so "two-sided" = "two.sided".
' Full-width letters, digits and signs typed with a Japanese IME (U+FF01 to U+FF5E, and the
' ideographic space U+3000) are first turned into their ASCII forms.
Private Function Keyword(ByVal value As Variant) As String
    Dim text As String, i As Long, code As Long
    text = CStr(value)
    For i = 1 To Len(text)
        code = AscW(Mid$(text, i, 1)) And &HFFFF&
        If code >= &HFF01& And code <= &HFF5E& Then
            Mid$(text, i, 1) = ChrW$(code - &HFEE0&)
        ElseIf code = &H3000& Then
            Mid$(text, i, 1) = " "
        End If
    Next i
    Keyword = Replace(Replace(Replace(LCase$(Trim$(text)), "_", "."), "-", "."), " ", ".")
End Function

' alternative: omitted = "two.sided"; "two.sided" / "less" / "greater" (as R) or 0 / 1 / 2.
Private Function AlternativeArg(ByVal arg As Variant, ByVal functionName As String, ByRef alternative As Long) As Long
    Dim value As Variant
    value = ArgValue(arg)
    alternative = -1
    If IsEmpty(value) Then
        alternative = TTXL_TWO_SIDED
    ElseIf IsNumberValue(value) Then
        If value = 0 Or value = 1 Or value = 2 Then alternative = CLng(value)
    ElseIf VarType(value) = vbString Then
        Select Case Keyword(value)
        Case "two.sided", "two.tailed", "both"
            alternative = TTXL_TWO_SIDED
        Case "less"
            alternative = TTXL_LESS
        Case "greater"
            alternative = TTXL_GREATER
        End Select
    End If
    If alternative < 0 Then
        AlternativeArg = Fail(xlErrValue, functionName, L("alternative must be ""two.sided"", ""less"" or ""greater"" (or 0, 1, 2).", _
                U("alternative \u306B\u306F ""two.sided""\uFF08\u4E21\u5074\uFF09\u3001""less""\u3001""greater""\uFF08\u307E\u305F\u306F 0\u30011\u30012\uFF09\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' method of TTXL_P_ADJUST: names as R's p.adjust, or the TTXL_ADJUST_* numbers 0 to 6.
Private Function MethodArg(ByVal arg As Variant, ByVal functionName As String, ByRef method As Long) As Long
    Dim value As Variant
    value = ArgValue(arg)
    method = -1
    If IsEmpty(value) Then
        method = TTXL_ADJUST_HOLM
    ElseIf IsNumberValue(value) Then
        If value >= 0 And value <= 6 And value = Fix(value) Then method = CLng(value)
    ElseIf VarType(value) = vbString Then
        Select Case Keyword(value)
        Case "none"
            method = TTXL_ADJUST_NONE
        Case "holm"
            method = TTXL_ADJUST_HOLM
        Case "hochberg"
            method = TTXL_ADJUST_HOCHBERG
        Case "bonferroni"
            method = TTXL_ADJUST_BONFERRONI
        Case "bh", "fdr"
            method = TTXL_ADJUST_BH
        Case "by"
            method = TTXL_ADJUST_BY
        Case "hommel"
            method = TTXL_ADJUST_HOMMEL
        End Select
    End If
    If method < 0 Then
        MethodArg = Fail(xlErrValue, functionName, L("method must be one of ""holm"", ""hochberg"", ""hommel""," _
                & " ""bonferroni"", ""BH"", ""BY"", ""none"".", _
                U("method \u306B\u306F ""holm""\u3001""hochberg""\u3001""hommel""\u3001""bonferroni""\u3001""BH""\u3001""BY""\u3001""none"" \u306E\u3044\u305A\u308C\u304B\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' design of TTXL_POWER_N: "two.sample" (default), "paired", "one.sample", or 0 / 1 / 2.
Private Function DesignArg(ByVal arg As Variant, ByVal functionName As String, ByRef design As Long) As Long
    Dim value As Variant
    value = ArgValue(arg)
    design = -1
    If IsEmpty(value) Then
        design = TTXL_DESIGN_TWO_SAMPLE
    ElseIf IsNumberValue(value) Then
        If value = 0 Or value = 1 Or value = 2 Then design = CLng(value)
    ElseIf VarType(value) = vbString Then
        Select Case Keyword(value)
        Case "two.sample", "independent"
            design = TTXL_DESIGN_TWO_SAMPLE
        Case "paired"
            design = TTXL_DESIGN_PAIRED
        Case "one.sample"
            design = TTXL_DESIGN_ONE_SAMPLE
        End Select
    End If
    If design < 0 Then
        DesignArg = Fail(xlErrValue, functionName, L("design must be ""two.sample"", ""paired"" or ""one.sample"" (or 0, 1, 2).", _
                U("design \u306B\u306F ""two.sample""\uFF082 \u7FA4\uFF09\u3001""paired""\uFF08\u5BFE\u5FDC\u3042\u308A\uFF09\u3001""one.sample""\uFF081 \u7FA4\uFF09\uFF08\u307E\u305F\u306F 0\u30011\u30012\uFF09\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' ==== (5) Worksheet functions =================================================================

' Runs one t-test through the DLL. kind: KIND_WELCH, KIND_STUDENT, KIND_PAIRED, KIND_ONE_SAMPLE.
' Returns 0, or the Excel error code (the message is kept for TTXL_LAST_ERROR).
Private Function RunTTest(ByVal kind As Long, ByVal array1 As Variant, ByVal array2 As Variant, _
        ByVal alternative As Long, ByVal mu As Double, ByVal confLevel As Double, _
        ByVal functionName As String, ByRef result As TtxlTTest) As Long
    Dim x() As Double, y() As Double, nx As Long, ny As Long, code As Long, status As Long
    If Not EnsureDll() Then
        RunTTest = xlErrNA
        Exit Function
    End If
    code = ReadValues(array1, "array1", functionName, x, nx)
    If code = 0 And kind <> KIND_ONE_SAMPLE Then code = ReadValues(array2, "array2", functionName, y, ny)
    If code <> 0 Then
        RunTTest = code
        Exit Function
    End If
    Select Case kind
    Case KIND_WELCH
        status = c_ttxl_ttest_welch(x(0), nx, y(0), ny, alternative, mu, confLevel, result)
    Case KIND_STUDENT
        status = c_ttxl_ttest_student(x(0), nx, y(0), ny, alternative, mu, confLevel, result)
    Case KIND_PAIRED
        If nx <> ny Then
            RunTTest = Fail(xlErrNA, functionName, L("paired data need two ranges of the same size: array1 has " _
                    & nx & " cells, array2 has " & ny & ".", U("\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\u306B\u306F\u540C\u3058\u5927\u304D\u3055\u306E 2 \u3064\u306E\u7BC4\u56F2\u304C\u5FC5\u8981\u3067\u3059\uFF08array1 \u306F ") _
                    & nx & U(" \u30BB\u30EB\u3001array2 \u306F ") & ny & U(" \u30BB\u30EB\uFF09\u3002")))
            Exit Function
        End If
        status = c_ttxl_ttest_paired(x(0), y(0), nx, alternative, mu, confLevel, result)
    Case Else
        status = c_ttxl_ttest_one_sample(x(0), nx, alternative, mu, confLevel, result)
    End Select
    RunTTest = CheckStatus(status, functionName)
End Function

' Reads the optional alternative / mu / conf_level arguments shared by the t-test functions.
Private Function TestOptions(ByVal alternativeValue As Variant, ByVal muArg As Variant, ByVal confArg As Variant, _
        ByVal functionName As String, ByRef alternative As Long, ByRef mu As Double, ByRef confLevel As Double) As Long
    Dim code As Long
    code = AlternativeArg(alternativeValue, functionName, alternative)
    If code = 0 Then code = NumberArg(muArg, 0, "mu", functionName, mu)
    If code = 0 Then code = NumberArg(confArg, 0.95, "conf_level", functionName, confLevel)
    TestOptions = code
End Function

' The one-row result of TTXL_WELCH / _STUDENT / _PAIRED / _ONE_SAMPLE (see TTXL_LABELS).
Private Function TTestRow(ByRef r As TtxlTTest) As Variant
    Dim outRow(1 To 1, 1 To 10) As Variant
    outRow(1, 1) = CellNumber(r.statistic)
    outRow(1, 2) = CellNumber(r.df)
    outRow(1, 3) = CellNumber(r.p_value)
    outRow(1, 4) = CellNumber(r.estimate)
    outRow(1, 5) = CellNumber(r.conf_low)
    outRow(1, 6) = CellNumber(r.conf_high)
    outRow(1, 7) = CellNumber(r.cohen_d)
    outRow(1, 8) = CellNumber(r.cohen_d_low)
    outRow(1, 9) = CellNumber(r.cohen_d_high)
    outRow(1, 10) = CellNumber(r.hedges_g)
    TTestRow = outRow
End Function

Private Function TTestFunction(ByVal kind As Long, ByVal functionName As String, ByVal array1 As Variant, _
        ByVal array2 As Variant, ByVal alternativeValue As Variant, ByVal muArg As Variant, ByVal confArg As Variant) As Variant
    Dim r As TtxlTTest, code As Long, alternative As Long, mu As Double, confLevel As Double
    BeginCall
    code = TestOptions(alternativeValue, muArg, confArg, functionName, alternative, mu, confLevel)
    If code = 0 Then code = RunTTest(kind, array1, array2, alternative, mu, confLevel, functionName, r)
    If code <> 0 Then
        TTestFunction = CVErr(code)
    Else
        TTestFunction = TTestRow(r)
    End If
End Function

' Excel's T.TEST computed by ttest-xl: the same arguments and meaning, so it can replace T.TEST.
' tails: 1 or 2. type: 1 paired, 2 two-sample equal variance (Student), 3 unequal variance (Welch).
' tails and type are read as T.TEST reads them: truncated to whole numbers, TRUE = 1, a number
' typed as text is a number, a blank is 0 (so #NUM!), an error value is returned as it is.
' Data that cannot be tested (zero variance, fewer than 2 values) give #DIV/0!, as T.TEST.
' tails = 1 is half the two-tailed p (the t distribution is symmetric), as T.TEST.
' Differences from T.TEST: blank and text cells are skipped as missing (in paired data the whole
' pair is dropped: T.TEST would pair the remaining numbers differently); an error cell in the
' data gives #VALUE! (T.TEST returns that error); the reason of a failure is in TTXL_LAST_ERROR.
' Example: =TTXL_TTEST(B2:B51, C2:C51, 2, 1)   (same as =T.TEST(B2:B51, C2:C51, 2, 1))
Public Function TTXL_TTEST(ByVal array1 As Variant, ByVal array2 As Variant, ByVal tails As Variant, _
        ByVal test_type As Variant) As Variant
    Const FN As String = "TTXL_TTEST"
    Dim tailsNumber As Double, typeNumber As Double, code As Long, kind As Long, r As TtxlTTest
    BeginCall
    code = TTestArg(tails, "tails", FN, tailsNumber)
    If code = 0 Then code = TTestArg(test_type, "type", FN, typeNumber)
    If code = 0 Then
        tailsNumber = Fix(tailsNumber)
        typeNumber = Fix(typeNumber)
        If tailsNumber <> 1 And tailsNumber <> 2 Then
            code = Fail(xlErrNum, FN, L("tails must be 1 or 2.", U("tails \u306B\u306F 1 \u304B 2 \u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
        ElseIf typeNumber < 1 Or typeNumber > 3 Then
            code = Fail(xlErrNum, FN, L("type must be 1 (paired), 2 (equal variance) or 3 (unequal variance).", _
                    U("type \u306B\u306F 1\uFF08\u5BFE\u5FDC\u3042\u308A\uFF09\u30012\uFF08\u7B49\u5206\u6563\uFF09\u30013\uFF08\u4E0D\u7B49\u5206\u6563\uFF09\u306E\u3044\u305A\u308C\u304B\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
        End If
    End If
    If code = 0 Then
        Select Case typeNumber
        Case 1
            kind = KIND_PAIRED
        Case 2
            kind = KIND_STUDENT
        Case Else
            kind = KIND_WELCH
        End Select
        code = RunTTest(kind, array1, array2, TTXL_TWO_SIDED, 0, 0.95, FN, r)
        ' T.TEST shows #DIV/0! for data it cannot test (zero variance, too few values).
        If code = xlErrNum Then code = xlErrDiv0
    End If
    If code <> 0 Then
        TTXL_TTEST = CVErr(code)
    ElseIf tailsNumber = 1 Then
        ' One-tailed, in the direction the data point to (T.TEST's definition): half the two-tailed p.
        TTXL_TTEST = CellNumber(r.p_value / 2)
    Else
        TTXL_TTEST = CellNumber(r.p_value)
    End If
End Function

' tails / type of TTXL_TTEST, read as T.TEST reads them (see there). Returns 0 or an Excel error.
Private Function TTestArg(ByVal arg As Variant, ByVal argName As String, ByVal functionName As String, _
        ByRef number As Double) As Long
    Dim value As Variant
    If IsError(arg) Then
        value = arg
    Else
        value = ArgValue(arg)
    End If
    If IsError(value) Then
        TTestArg = ErrorCode(value)
        mLastError = functionName & ": " & argName & " = " & ErrorText(value)
    ElseIf IsEmpty(value) Then
        number = 0
    ElseIf VarType(value) = vbBoolean Then
        If value Then number = 1 Else number = 0
    ElseIf IsNumberValue(value) Then
        number = CDbl(value)
    ElseIf VarType(value) = vbString And IsNumeric(value) Then
        number = CDbl(value)
    Else
        TTestArg = Fail(xlErrValue, functionName, argName & L(" must be a number.", U(" \u306B\u306F\u6570\u5024\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' Welch's t-test (unequal variances; R: t.test(array1, array2)). Returns one row:
' t, df, p, difference (mean1 - mean2), CI low, CI high, d, d CI low, d CI high, g, where d and g
' use the average of the two variances (effectsize: cohens_d(pooled_sd = FALSE)).
' alternative: "two.sided" (default), "less", "greater". conf_level default 0.95.
' Example: =TTXL_WELCH(C2:C51, B2:B51)  (select 10 cells in a row and press Ctrl+Shift+Enter in
' Excel 2019 or older; Excel 365 spills the row by itself)
Public Function TTXL_WELCH(ByVal array1 As Variant, ByVal array2 As Variant, Optional ByVal alternative As Variant, _
        Optional ByVal mu As Variant, Optional ByVal conf_level As Variant) As Variant
    TTXL_WELCH = TTestFunction(KIND_WELCH, "TTXL_WELCH", array1, array2, alternative, mu, conf_level)
End Function

' Student's t-test (equal variances; R: t.test(array1, array2, var.equal = TRUE)). Same row as
' TTXL_WELCH; d and g use the pooled SD (effectsize defaults).
' Example: =TTXL_STUDENT(C2:C51, B2:B51)
Public Function TTXL_STUDENT(ByVal array1 As Variant, ByVal array2 As Variant, Optional ByVal alternative As Variant, _
        Optional ByVal mu As Variant, Optional ByVal conf_level As Variant) As Variant
    TTXL_STUDENT = TTestFunction(KIND_STUDENT, "TTXL_STUDENT", array1, array2, alternative, mu, conf_level)
End Function

' Paired t-test (R: t.test(array1, array2, paired = TRUE)); a pair with a blank or text cell on
' either side is dropped. difference = mean(array1 - array2); d is d_z = mean / SD of the
' differences (effectsize: cohens_d(paired = TRUE)). The two ranges must have the same size.
' Example: =TTXL_PAIRED(C2:C51, B2:B51)   (after, before: a positive difference is an increase)
Public Function TTXL_PAIRED(ByVal array1 As Variant, ByVal array2 As Variant, Optional ByVal alternative As Variant, _
        Optional ByVal mu As Variant, Optional ByVal conf_level As Variant) As Variant
    TTXL_PAIRED = TTestFunction(KIND_PAIRED, "TTXL_PAIRED", array1, array2, alternative, mu, conf_level)
End Function

' One-sample t-test of the mean against mu (R: t.test(array1, mu = mu)). The "difference" column
' is the mean of array1 (as R's estimate); d = (mean - mu) / SD.
' Example: =TTXL_ONE_SAMPLE(B2:B51, 3)   (is the mean score different from the scale midpoint 3?)
Public Function TTXL_ONE_SAMPLE(ByVal array1 As Variant, Optional ByVal mu As Variant, _
        Optional ByVal alternative As Variant, Optional ByVal conf_level As Variant) As Variant
    TTXL_ONE_SAMPLE = TTestFunction(KIND_ONE_SAMPLE, "TTXL_ONE_SAMPLE", array1, Empty, alternative, mu, conf_level)
End Function

' The header row matching TTXL_WELCH / _STUDENT / _PAIRED / _ONE_SAMPLE, in Office's UI language
' (Japanese or English). test: "welch", "student", "paired" or "one.sample".
' Example: =TTXL_LABELS("paired")   (put it in the row above =TTXL_PAIRED(...))
Public Function TTXL_LABELS(Optional ByVal test As Variant) As Variant
    Dim labels(1 To 1, 1 To 10) As Variant, name As String, value As Variant
    value = ArgValue(test)
    If IsEmpty(value) Then
        name = "welch"
    ElseIf VarType(value) = vbString Then
        name = Keyword(value)
    End If
    Select Case name
    Case "welch", "student", "paired", "one.sample"
    Case Else
        TTXL_LABELS = CVErr(Fail(xlErrValue, "TTXL_LABELS", L("test must be ""welch"", ""student"", ""paired""" _
                & " or ""one.sample"".", U("test \u306B\u306F ""welch""\u3001""student""\u3001""paired""\u3001""one.sample"" \u306E\u3044\u305A\u308C\u304B\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002"))))
        Exit Function
    End Select
    labels(1, 1) = L("t", U("t \u5024"))
    labels(1, 2) = L("df", U("\u81EA\u7531\u5EA6"))
    labels(1, 3) = L("p", U("p \u5024"))
    Select Case name
    Case "paired"
        labels(1, 4) = L("mean difference", U("\u5DEE\u306E\u5E73\u5747"))
        labels(1, 7) = L("d_z", U("d_z"))
    Case "one.sample"
        labels(1, 4) = L("mean", U("\u5E73\u5747"))
        labels(1, 7) = L("d", U("d"))
    Case Else
        labels(1, 4) = L("difference", U("\u5E73\u5747\u306E\u5DEE"))
        labels(1, 7) = L("d", U("d"))
    End Select
    labels(1, 5) = L("CI low", U("\u4FE1\u983C\u533A\u9593 \u4E0B\u9650"))
    labels(1, 6) = L("CI high", U("\u4FE1\u983C\u533A\u9593 \u4E0A\u9650"))
    labels(1, 8) = labels(1, 7) & L(" CI low", U(" \u4FE1\u983C\u533A\u9593 \u4E0B\u9650"))
    labels(1, 9) = labels(1, 7) & L(" CI high", U(" \u4FE1\u983C\u533A\u9593 \u4E0A\u9650"))
    labels(1, 10) = L("g", U("g"))
    TTXL_LABELS = labels
End Function

' Shared body of TTXL_COHEN_D and TTXL_HEDGES_G.
Private Function EffectFunction(ByVal wantG As Boolean, ByVal functionName As String, ByVal array1 As Variant, _
        ByVal array2 As Variant, ByVal test_type As Variant, ByVal ci As Variant, ByVal mu As Variant) As Variant
    Dim r As TtxlTTest, code As Long, kind As Long, typeNumber As Double, withCi As Boolean, muValue As Double
    Dim outRow(1 To 1, 1 To 3) As Variant
    code = NumberArg(test_type, 2, "type", functionName, typeNumber)
    BeginCall
    If code = 0 Then code = BoolArg(ci, False, "ci", functionName, withCi)
    If code = 0 Then code = NumberArg(mu, 0, "mu", functionName, muValue)
    If code = 0 Then
        If IsMissing(array2) Then
            kind = KIND_ONE_SAMPLE
        ElseIf IsEmpty(ArgValue(array2)) And Not IsObject(array2) Then
            kind = KIND_ONE_SAMPLE
        Else
            Select Case Fix(typeNumber)
            Case 1
                kind = KIND_PAIRED
            Case 2
                kind = KIND_STUDENT
            Case 3
                kind = KIND_WELCH
            Case Else
                code = Fail(xlErrNum, functionName, L("type must be 1 (paired: d_z), 2 (pooled SD) or 3 (average" _
                        & " variance, as Welch).", U("type \u306B\u306F 1\uFF08\u5BFE\u5FDC\u3042\u308A\uFF1Ad_z\uFF09\u30012\uFF08\u30D7\u30FC\u30EB\u3057\u305F SD\uFF09\u30013\uFF08\u5206\u6563\u306E\u5E73\u5747\uFF1AWelch \u3068\u540C\u3058\uFF09\u306E\u3044\u305A\u308C\u304B\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
            End Select
        End If
    End If
    If code = 0 Then code = RunTTest(kind, array1, array2, TTXL_TWO_SIDED, muValue, 0.95, functionName, r)
    If code <> 0 Then
        EffectFunction = CVErr(code)
        Exit Function
    End If
    If wantG Then
        outRow(1, 1) = CellNumber(r.hedges_g)
        outRow(1, 2) = CellNumber(r.hedges_g_low)
        outRow(1, 3) = CellNumber(r.hedges_g_high)
    Else
        outRow(1, 1) = CellNumber(r.cohen_d)
        outRow(1, 2) = CellNumber(r.cohen_d_low)
        outRow(1, 3) = CellNumber(r.cohen_d_high)
    End If
    If withCi Then
        EffectFunction = outRow
    Else
        EffectFunction = outRow(1, 1)
    End If
End Function

' Cohen's d of array1 - array2 with the same type numbers as T.TEST: 1 paired (d_z), 2 pooled SD
' (default), 3 average of the two variances (the d that goes with Welch's test). Without array2:
' one-sample d = (mean - mu) / SD. ci = TRUE returns one row: d, CI low, CI high (95%).
' Example: =TTXL_COHEN_D(C2:C51, B2:B51, 1)        paired d_z
'          =TTXL_COHEN_D(C2:C51, B2:B51, 3, TRUE)  d, CI low, CI high for Welch
Public Function TTXL_COHEN_D(ByVal array1 As Variant, Optional ByVal array2 As Variant, _
        Optional ByVal test_type As Variant, Optional ByVal ci As Variant, Optional ByVal mu As Variant) As Variant
    TTXL_COHEN_D = EffectFunction(False, "TTXL_COHEN_D", array1, array2, test_type, ci, mu)
End Function

' Hedges' g (d with the small-sample correction), same arguments as TTXL_COHEN_D.
' Example: =TTXL_HEDGES_G(C2:C51, B2:B51, 2, TRUE)
Public Function TTXL_HEDGES_G(ByVal array1 As Variant, Optional ByVal array2 As Variant, _
        Optional ByVal test_type As Variant, Optional ByVal ci As Variant, Optional ByVal mu As Variant) As Variant
    TTXL_HEDGES_G = EffectFunction(True, "TTXL_HEDGES_G", array1, array2, test_type, ci, mu)
End Function

Private Function RankRow(ByRef r As TtxlRankTest) As Variant
    Dim outRow(1 To 1, 1 To 3) As Variant
    outRow(1, 1) = CellNumber(r.statistic)
    outRow(1, 2) = CellNumber(r.p_value)
    outRow(1, 3) = CellNumber(r.rank_biserial)
    RankRow = outRow
End Function

' Shared body of the two rank tests.
Private Function RankFunction(ByVal paired As Boolean, ByVal functionName As String, ByVal array1 As Variant, _
        ByVal array2 As Variant, ByVal alternativeValue As Variant, ByVal correctArg As Variant) As Variant
    Dim x() As Double, y() As Double, nx As Long, ny As Long, code As Long, status As Long
    Dim alternative As Long, correct As Boolean, r As TtxlRankTest
    BeginCall
    code = AlternativeArg(alternativeValue, functionName, alternative)
    If code = 0 Then code = BoolArg(correctArg, True, "correct", functionName, correct)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = ReadValues(array1, "array1", functionName, x, nx)
    If code = 0 Then code = ReadValues(array2, "array2", functionName, y, ny)
    If code = 0 Then
        If paired Then
            If nx <> ny Then
                code = Fail(xlErrNA, functionName, L("paired data need two ranges of the same size: array1 has " _
                        & nx & " cells, array2 has " & ny & ".", U("\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\u306B\u306F\u540C\u3058\u5927\u304D\u3055\u306E 2 \u3064\u306E\u7BC4\u56F2\u304C\u5FC5\u8981\u3067\u3059\uFF08array1 \u306F ") _
                        & nx & U(" \u30BB\u30EB\u3001array2 \u306F ") & ny & U(" \u30BB\u30EB\uFF09\u3002")))
            Else
                status = c_ttxl_wilcoxon_signed_rank(x(0), y(0), nx, alternative, IIf(correct, 1, 0), r)
                code = CheckStatus(status, functionName)
            End If
        Else
            status = c_ttxl_mann_whitney(x(0), nx, y(0), ny, alternative, IIf(correct, 1, 0), r)
            code = CheckStatus(status, functionName)
        End If
    End If
    If code <> 0 Then
        RankFunction = CVErr(code)
    Else
        RankFunction = RankRow(r)
    End If
End Function

' Mann-Whitney U test (Wilcoxon rank-sum; R: wilcox.test(array1, array2)). Returns one row:
' W (as R reports it), p, rank-biserial correlation. Exact p for small samples without ties, as
' R. correct: continuity correction of the normal approximation (default TRUE, as R).
' Example: =TTXL_MANN_WHITNEY(C2:C51, B2:B51)
Public Function TTXL_MANN_WHITNEY(ByVal array1 As Variant, ByVal array2 As Variant, _
        Optional ByVal alternative As Variant, Optional ByVal correct As Variant) As Variant
    TTXL_MANN_WHITNEY = RankFunction(False, "TTXL_MANN_WHITNEY", array1, array2, alternative, correct)
End Function

' Wilcoxon signed-rank test for paired data (R: wilcox.test(array1, array2, paired = TRUE)).
' Returns one row: V, p, rank-biserial correlation. Pairs with a blank or text cell are dropped.
' Example: =TTXL_WILCOXON(C2:C51, B2:B51)
Public Function TTXL_WILCOXON(ByVal array1 As Variant, ByVal array2 As Variant, _
        Optional ByVal alternative As Variant, Optional ByVal correct As Variant) As Variant
    TTXL_WILCOXON = RankFunction(True, "TTXL_WILCOXON", array1, array2, alternative, correct)
End Function

' Adjusts p-values for multiple comparisons as R's p.adjust. Returns an array of the same shape as
' p_values; blank and text cells stay empty and are not counted. method: "holm" (default),
' "hochberg", "hommel", "bonferroni", "BH" (= "fdr"), "BY", "none".
' Example: =TTXL_P_ADJUST(M2:M16, "holm")
Public Function TTXL_P_ADJUST(ByVal p_values As Variant, Optional ByVal method As Variant) As Variant
    Const FN As String = "TTXL_P_ADJUST"
    Dim data As Variant, p() As Double, adjusted() As Double, n As Long, code As Long, methodNumber As Long
    Dim output As Variant, r As Long, c As Long, i As Long
    BeginCall
    code = MethodArg(method, FN, methodNumber)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = DataOf(p_values, "p_values", FN, data)
    If code = 0 Then code = ReadValues(data, "p_values", FN, p, n)
    If code = 0 Then
        ReDim adjusted(0 To MaxLong(n - 1, 0))
        code = CheckStatus(c_ttxl_p_adjust(p(0), n, methodNumber, adjusted(0)), FN)
    End If
    If code <> 0 Then
        TTXL_P_ADJUST = CVErr(code)
        Exit Function
    End If
    ' Same walk as ReadValues (row by row), so adjusted(i) belongs to the i-th cell.
    Select Case ArrayRank(data)
    Case 0
        TTXL_P_ADJUST = AdjustedCell(adjusted(0))
    Case 1
        output = data
        For i = 0 To n - 1
            output(LBound(data) + i) = AdjustedCell(adjusted(i))
        Next i
        TTXL_P_ADJUST = output
    Case Else
        output = data
        i = 0
        For r = LBound(data, 1) To UBound(data, 1)
            For c = LBound(data, 2) To UBound(data, 2)
                output(r, c) = AdjustedCell(adjusted(i))
                i = i + 1
            Next c
        Next r
        TTXL_P_ADJUST = output
    End Select
End Function

' An adjusted p as a cell: missing inputs (NaN) become an empty text so the cell looks blank.
Private Function AdjustedCell(ByVal x As Double) As Variant
    If NumberClass(x) = 2 Then
        AdjustedCell = ""
    Else
        AdjustedCell = CellNumber(x)
    End If
End Function

' Sample size needed to detect an effect of size d (as R pwr.t.test(d, power, sig.level, type)):
' n per group (two.sample), number of pairs (paired) or n (one.sample). Not rounded: round up with
' ROUNDUP. power default 0.8, alpha default 0.05, design "two.sample" (default), "paired",
' "one.sample"; alternative "two.sided" (default), "less", "greater".
' Example: =ROUNDUP(TTXL_POWER_N(0.5), 0)   gives 64 per group
Public Function TTXL_POWER_N(ByVal d As Variant, Optional ByVal power As Variant, Optional ByVal alpha As Variant, _
        Optional ByVal design As Variant, Optional ByVal alternative As Variant) As Variant
    Const FN As String = "TTXL_POWER_N"
    Dim effect As Double, powerValue As Double, alphaValue As Double, designNumber As Long
    Dim alternativeNumber As Long, code As Long, n As Double
    BeginCall
    code = NumberArg(d, 0, "d", FN, effect)
    If code = 0 And IsEmpty(ArgValue(d)) Then
        code = Fail(xlErrValue, FN, L("d is required.", U("d \u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
    If code = 0 Then code = NumberArg(power, 0.8, "power", FN, powerValue)
    If code = 0 Then code = NumberArg(alpha, 0.05, "alpha", FN, alphaValue)
    If code = 0 Then code = DesignArg(design, FN, designNumber)
    If code = 0 Then code = AlternativeArg(alternative, FN, alternativeNumber)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then
        code = CheckStatus(c_ttxl_power_ttest(designNumber, alternativeNumber, TTXL_SOLVE_N, 0, effect, _
                alphaValue, powerValue, n), FN)
    End If
    If code <> 0 Then
        TTXL_POWER_N = CVErr(code)
    Else
        TTXL_POWER_N = CellNumber(n)
    End If
End Function

' Version of the loaded ttest_xl.dll, e.g. "0.1.0" (#N/A when the DLL cannot be loaded).
' Example: =TTXL_VERSION()
Public Function TTXL_VERSION() As Variant
    If Not EnsureDll() Then
        TTXL_VERSION = CVErr(xlErrNA)
    Else
        TTXL_VERSION = Utf8ToString(c_ttxl_version())
    End If
End Function

' The message of the last failure of the formula in after_cell (in Japanese or English), or ""
' when that cell's formula did not fail. Without after_cell: the most recent failure of any TTXL_
' function in this Excel session. Passing the cell also makes Excel calculate it first.
' Example: =TTXL_LAST_ERROR(D5)   (D5 shows #NUM!; this cell says why)
Public Function TTXL_LAST_ERROR(Optional ByVal after_cell As Variant) As Variant
    Dim key As String
    If TypeName(Application.Caller) = "Range" Then Application.Volatile
    If IsMissing(after_cell) Then
        TTXL_LAST_ERROR = mLastError
    ElseIf TypeName(after_cell) = "Range" Then
        key = LCase$(after_cell.Cells(1, 1).Address(True, True, xlA1, True))
        TTXL_LAST_ERROR = CellMessage(key)
    Else
        TTXL_LAST_ERROR = mLastError
    End If
End Function

Private Function CellMessage(ByVal key As String) As String
    If mCellErrors Is Nothing Then Exit Function
    On Error GoTo NotThere
    CellMessage = mCellErrors(key)
NotThere:
End Function

' Registers a description, the category "ttest-xl" and a description of each argument of every
' public worksheet function with Excel's Insert Function dialog (Shift+F3, or fx beside the formula
' bar), in Japanese when Office's UI is Japanese, else in English. The add-in calls it when it
' opens. Calling it again overwrites the same entries. Any failure (Excel 2007 has no argument
' descriptions; a protected or hidden workbook may refuse) is silent: the functions work without.
' Example: Alt+F8 > TTXL_RegisterFunctionHelp > Run (or from Workbook_Open of an add-in)
Public Sub TTXL_RegisterFunctionHelp()
    Dim a1 As String, a2 As String, alt As String, mu As String, conf As String
    a1 = L("First range of data (blank and text cells are missing values).", U("1 \u3064\u76EE\u306E\u30C7\u30FC\u30BF\u7BC4\u56F2\uFF08\u7A7A\u6B04\u3068\u6587\u5B57\u5217\u306E\u30BB\u30EB\u306F\u6B20\u6E2C\u3068\u3057\u3066\u6271\u3044\u307E\u3059\uFF09\u3002"))
    a2 = L("Second range of data (blank and text cells are missing values).", U("2 \u3064\u76EE\u306E\u30C7\u30FC\u30BF\u7BC4\u56F2\uFF08\u7A7A\u6B04\u3068\u6587\u5B57\u5217\u306E\u30BB\u30EB\u306F\u6B20\u6E2C\u3068\u3057\u3066\u6271\u3044\u307E\u3059\uFF09\u3002"))
    alt = L("""two.sided"" (default), ""less"" or ""greater"", as R.", U("""two.sided""\uFF08\u4E21\u5074\u3001\u65E2\u5B9A\uFF09\u3001""less""\u3001""greater"" \u306E\u3044\u305A\u308C\u304B\uFF08R \u3068\u540C\u3058\uFF09\u3002"))
    mu = L("The difference (or mean) under the null hypothesis; default 0.", U("\u5E30\u7121\u4EEE\u8AAC\u3067\u306E\u5DEE\uFF081 \u7FA4\u306E\u3068\u304D\u306F\u5E73\u5747\uFF09\u3002\u65E2\u5B9A\u306F 0\u3002"))
    conf = L("Confidence level of the interval; default 0.95.", U("\u4FE1\u983C\u533A\u9593\u306E\u4FE1\u983C\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.95\u3002"))
    RegisterHelp "TTXL_TTEST", L("p-value of a t-test, like T.TEST, computed by ttest-xl.", _
            U("t \u691C\u5B9A\u306E p \u5024\u3092\u6C42\u3081\u307E\u3059\uFF08T.TEST \u3068\u540C\u3058\u4F7F\u3044\u65B9\u3002\u8A08\u7B97\u306F ttest-xl\uFF09\u3002")), _
            Array(a1, a2, L("1 = one-tailed, 2 = two-tailed.", U("1 = \u7247\u5074\u30012 = \u4E21\u5074\u3002")), _
            L("1 = paired, 2 = equal variances, 3 = unequal variances (Welch).", U("1 = \u5BFE\u5FDC\u3042\u308A\u30012 = \u7B49\u5206\u6563\u30013 = \u4E0D\u7B49\u5206\u6563\uFF08Welch\uFF09\u3002")))
    RegisterHelp "TTXL_WELCH", L("Welch's t-test: t, df, p, difference, CI, d with CI, g (one row of 10 cells).", _
            U("Welch \u306E t \u691C\u5B9A\uFF1At\u3001\u81EA\u7531\u5EA6\u3001p\u3001\u5E73\u5747\u306E\u5DEE\u3001\u4FE1\u983C\u533A\u9593\u3001d \u3068\u305D\u306E\u4FE1\u983C\u533A\u9593\u3001g\uFF08\u6A2A 10 \u30BB\u30EB\uFF09\u3002")), _
            Array(a1, a2, alt, mu, conf)
    RegisterHelp "TTXL_STUDENT", L("Student's t-test (equal variances): the same row of 10 cells as TTXL_WELCH.", _
            U("Student \u306E t \u691C\u5B9A\uFF08\u7B49\u5206\u6563\uFF09\uFF1ATTXL_WELCH \u3068\u540C\u3058\u6A2A 10 \u30BB\u30EB\u3002")), _
            Array(a1, a2, alt, mu, conf)
    RegisterHelp "TTXL_PAIRED", L("Paired t-test (the same people before and after): the row of 10 cells, d is d_z.", _
            U("\u5BFE\u5FDC\u306E\u3042\u308B t \u691C\u5B9A\uFF08\u540C\u3058\u4EBA\u306E\u4E8B\u524D\u3068\u4E8B\u5F8C\uFF09\uFF1A\u6A2A 10 \u30BB\u30EB\u3002d \u306F d_z\u3002")), _
            Array(L("Data after (or the first measurement).", U("\u4E8B\u5F8C\uFF081 \u56DE\u76EE\u306E\u6E2C\u5B9A\uFF09\u306E\u30C7\u30FC\u30BF\u3002")), _
            L("Data before (or the second measurement), the same size.", U("\u4E8B\u524D\uFF082 \u56DE\u76EE\u306E\u6E2C\u5B9A\uFF09\u306E\u30C7\u30FC\u30BF\u3002\u540C\u3058\u5927\u304D\u3055\u306E\u7BC4\u56F2\u3002")), alt, mu, conf)
    RegisterHelp "TTXL_ONE_SAMPLE", L("One-sample t-test of the mean against mu: the row of 10 cells.", _
            U("1 \u7FA4\u306E t \u691C\u5B9A\uFF08\u5E73\u5747\u3092 mu \u3068\u6BD4\u8F03\uFF09\uFF1A\u6A2A 10 \u30BB\u30EB\u3002")), _
            Array(a1, mu, alt, conf)
    RegisterHelp "TTXL_LABELS", L("The header row (10 labels) for TTXL_WELCH, _STUDENT, _PAIRED or _ONE_SAMPLE.", _
            U("TTXL_WELCH\u30FB_STUDENT\u30FB_PAIRED\u30FB_ONE_SAMPLE \u306E\u898B\u51FA\u3057\u884C\uFF0810 \u500B\uFF09\u3002")), _
            Array(L("""welch"" (default), ""student"", ""paired"" or ""one.sample"".", U("""welch""\uFF08\u65E2\u5B9A\uFF09\u3001""student""\u3001""paired""\u3001""one.sample"" \u306E\u3044\u305A\u308C\u304B\u3002")))
    RegisterHelp "TTXL_COHEN_D", L("Cohen's d (with ci = TRUE: d, CI low, CI high).", _
            U("Cohen \u306E d\uFF08ci = TRUE \u306E\u3068\u304D\u306F d\u3001\u4FE1\u983C\u533A\u9593\u306E\u4E0B\u9650\u30FB\u4E0A\u9650\uFF09\u3002")), _
            Array(a1, L("Second range; omit for a one-sample d.", U("2 \u3064\u76EE\u306E\u7BC4\u56F2\u30021 \u7FA4\u306E d \u306A\u3089\u7701\u7565\u3002")), _
            L("1 = paired (d_z), 2 = pooled SD (default), 3 = average variance (Welch).", U("1 = \u5BFE\u5FDC\u3042\u308A\uFF08d_z\uFF09\u30012 = \u30D7\u30FC\u30EB\u3057\u305F SD\uFF08\u65E2\u5B9A\uFF09\u30013 = \u5206\u6563\u306E\u5E73\u5747\uFF08Welch\uFF09\u3002")), _
            L("TRUE: also the 95% confidence interval.", U("TRUE \u306A\u3089 95% \u4FE1\u983C\u533A\u9593\u3082\u8FD4\u3057\u307E\u3059\u3002")), mu)
    RegisterHelp "TTXL_HEDGES_G", L("Hedges' g, d with the small-sample correction (with ci = TRUE: g, CI low, CI high).", _
            U("Hedges \u306E g\uFF08\u5C0F\u6A19\u672C\u88DC\u6B63\u3092\u3057\u305F d\u3002ci = TRUE \u306E\u3068\u304D\u306F g\u3001\u4FE1\u983C\u533A\u9593\u306E\u4E0B\u9650\u30FB\u4E0A\u9650\uFF09\u3002")), _
            Array(a1, L("Second range; omit for a one-sample g.", U("2 \u3064\u76EE\u306E\u7BC4\u56F2\u30021 \u7FA4\u306E g \u306A\u3089\u7701\u7565\u3002")), _
            L("1 = paired, 2 = pooled SD (default), 3 = average variance (Welch).", U("1 = \u5BFE\u5FDC\u3042\u308A\u30012 = \u30D7\u30FC\u30EB\u3057\u305F SD\uFF08\u65E2\u5B9A\uFF09\u30013 = \u5206\u6563\u306E\u5E73\u5747\uFF08Welch\uFF09\u3002")), _
            L("TRUE: also the 95% confidence interval.", U("TRUE \u306A\u3089 95% \u4FE1\u983C\u533A\u9593\u3082\u8FD4\u3057\u307E\u3059\u3002")), mu)
    RegisterHelp "TTXL_MANN_WHITNEY", L("Mann-Whitney U test: W, p, rank-biserial r (one row of 3 cells).", _
            U("Mann-Whitney \u306E U \u691C\u5B9A\uFF1AW\u3001p\u3001\u9806\u4F4D\u53CC\u5217\u76F8\u95A2 r\uFF08\u6A2A 3 \u30BB\u30EB\uFF09\u3002")), _
            Array(a1, a2, alt, L("TRUE (default): continuity correction, as R.", U("TRUE\uFF08\u65E2\u5B9A\uFF09\u306A\u3089\u9023\u7D9A\u6027\u88DC\u6B63\u3092\u3057\u307E\u3059\uFF08R \u3068\u540C\u3058\uFF09\u3002")))
    RegisterHelp "TTXL_WILCOXON", L("Wilcoxon signed-rank test for paired data: V, p, rank-biserial r (one row of 3 cells).", _
            U("\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\u306E Wilcoxon \u7B26\u53F7\u4ED8\u9806\u4F4D\u691C\u5B9A\uFF1AV\u3001p\u3001\u9806\u4F4D\u53CC\u5217\u76F8\u95A2 r\uFF08\u6A2A 3 \u30BB\u30EB\uFF09\u3002")), _
            Array(a1, a2, alt, L("TRUE (default): continuity correction, as R.", U("TRUE\uFF08\u65E2\u5B9A\uFF09\u306A\u3089\u9023\u7D9A\u6027\u88DC\u6B63\u3092\u3057\u307E\u3059\uFF08R \u3068\u540C\u3058\uFF09\u3002")))
    RegisterHelp "TTXL_P_ADJUST", L("p-values adjusted for multiple comparisons, as R's p.adjust (same shape as the input).", _
            U("\u591A\u91CD\u6BD4\u8F03\u306E\u305F\u3081\u306B\u88DC\u6B63\u3057\u305F p \u5024\uFF08R \u306E p.adjust \u3068\u540C\u3058\u3002\u5165\u529B\u3068\u540C\u3058\u5F62\uFF09\u3002")), _
            Array(L("The p-values (blank cells stay blank).", U("p \u5024\u306E\u7BC4\u56F2\uFF08\u7A7A\u6B04\u306F\u7A7A\u6B04\u306E\u307E\u307E\uFF09\u3002")), _
            L("""holm"" (default), ""hochberg"", ""hommel"", ""bonferroni"", ""BH"", ""BY"" or ""none"".", U("""holm""\uFF08\u65E2\u5B9A\uFF09\u3001""hochberg""\u3001""hommel""\u3001""bonferroni""\u3001""BH""\u3001""BY""\u3001""none"" \u306E\u3044\u305A\u308C\u304B\u3002")))
    RegisterHelp "TTXL_POWER_N", L("Sample size needed to detect an effect d (per group; pairs for paired data), as pwr.t.test.", _
            U("\u52B9\u679C\u91CF d \u3092\u691C\u51FA\u3059\u308B\u306E\u306B\u5FC5\u8981\u306A\u4EBA\u6570\uFF081 \u7FA4\u3042\u305F\u308A\u3002\u5BFE\u5FDC\u3042\u308A\u306A\u3089\u7D44\u306E\u6570\u3002pwr.t.test \u3068\u540C\u3058\uFF09\u3002")), _
            Array(L("The effect size d to detect.", U("\u691C\u51FA\u3057\u305F\u3044\u52B9\u679C\u91CF d\u3002")), L("Power; default 0.8.", U("\u691C\u51FA\u529B\u3002\u65E2\u5B9A\u306F 0.8\u3002")), _
            L("Significance level; default 0.05.", U("\u6709\u610F\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.05\u3002")), _
            L("""two.sample"" (default), ""paired"" or ""one.sample"".", U("""two.sample""\uFF082 \u7FA4\u3001\u65E2\u5B9A\uFF09\u3001""paired""\uFF08\u5BFE\u5FDC\u3042\u308A\uFF09\u3001""one.sample""\uFF081 \u7FA4\uFF09\u3002")), alt)
    RegisterHelp "TTXL_VERSION", L("Version of the loaded ttest_xl.dll.", U("\u8AAD\u307F\u8FBC\u3093\u3060 ttest_xl.dll \u306E\u30D0\u30FC\u30B8\u30E7\u30F3\u3002")), Empty
    RegisterHelp "TTXL_LAST_ERROR", L("Why a TTXL_ function failed (the message of that cell's last failure).", _
            U("TTXL_ \u95A2\u6570\u304C\u30A8\u30E9\u30FC\u306B\u306A\u3063\u305F\u7406\u7531\uFF08\u305D\u306E\u30BB\u30EB\u306E\u6700\u5F8C\u306E\u30A8\u30E9\u30FC\u306E\u8AAC\u660E\uFF09\u3002")), _
            Array(L("The cell that shows the error.", U("\u30A8\u30E9\u30FC\u3092\u8868\u793A\u3057\u3066\u3044\u308B\u30BB\u30EB\u3002")))
    RegisterHelp "TTXL_TOST", L("Equivalence test (TOST) of the difference array1 - array2 against low and high: p, p (lower), p (upper), t (lower), t (upper), df, difference, CI.", U("\u5DEE array1 - array2 \u304C low\u301Chigh \u306E\u7BC4\u56F2\u5185\u3068\u8A00\u3048\u308B\u304B\u306E\u540C\u7B49\u6027\u691C\u5B9A\uFF08TOST\uFF09\uFF1Ap\u3001p\uFF08\u4E0B\u9650\u5074\uFF09\u3001p\uFF08\u4E0A\u9650\u5074\uFF09\u3001t\uFF08\u4E0B\u9650\u5074\uFF09\u3001t\uFF08\u4E0A\u9650\u5074\uFF09\u3001\u81EA\u7531\u5EA6\u3001\u5DEE\u3001\u4FE1\u983C\u533A\u9593\u3002")), _
            Array(a1, _
            a2, _
            L("Lower equivalence bound, in the data's units (points of the scale).", U("\u540C\u7B49\u3068\u307F\u306A\u3059\u7BC4\u56F2\u306E\u4E0B\u9650\uFF08\u30C7\u30FC\u30BF\u306E\u5358\u4F4D\u3002\u5C3A\u5EA6\u306E\u70B9\u6570\uFF09\u3002")), _
            L("Upper equivalence bound, in the data's units.", U("\u540C\u7B49\u3068\u307F\u306A\u3059\u7BC4\u56F2\u306E\u4E0A\u9650\uFF08\u30C7\u30FC\u30BF\u306E\u5358\u4F4D\uFF09\u3002")), _
            L("""welch"" (default), ""student"" or ""paired"".", U("""welch""\uFF08\u65E2\u5B9A\uFF09\u3001""student""\u3001""paired"" \u306E\u3044\u305A\u308C\u304B\u3002")), _
            L("Confidence level of the interval; default 0.90 (1 - 2 alpha).", U("\u4FE1\u983C\u533A\u9593\u306E\u4FE1\u983C\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.90\uFF081 - 2\u03B1\uFF09\u3002")))
    RegisterHelp "TTXL_TOST_ONE_SAMPLE", L("Equivalence test (TOST) of the mean against low and high: the row of TTXL_TOST.", U("\u5E73\u5747\u304C low\u301Chigh \u306E\u7BC4\u56F2\u5185\u3068\u8A00\u3048\u308B\u304B\u306E\u540C\u7B49\u6027\u691C\u5B9A\uFF08TOST\uFF09\uFF1ATTXL_TOST \u3068\u540C\u3058\u884C\u3002")), _
            Array(a1, _
            L("Lower equivalence bound, in the data's units (points of the scale).", U("\u540C\u7B49\u3068\u307F\u306A\u3059\u7BC4\u56F2\u306E\u4E0B\u9650\uFF08\u30C7\u30FC\u30BF\u306E\u5358\u4F4D\u3002\u5C3A\u5EA6\u306E\u70B9\u6570\uFF09\u3002")), _
            L("Upper equivalence bound, in the data's units.", U("\u540C\u7B49\u3068\u307F\u306A\u3059\u7BC4\u56F2\u306E\u4E0A\u9650\uFF08\u30C7\u30FC\u30BF\u306E\u5358\u4F4D\uFF09\u3002")), _
            L("Confidence level of the interval; default 0.90 (1 - 2 alpha).", U("\u4FE1\u983C\u533A\u9593\u306E\u4FE1\u983C\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.90\uFF081 - 2\u03B1\uFF09\u3002")))
    RegisterHelp "TTXL_BAYES_FACTOR", L("JZS Bayes factor BF10 of a t-test from t and the sample sizes (BayesFactor's ttest.tstat).", U("t \u691C\u5B9A\u306E JZS \u30D9\u30A4\u30BA\u30D5\u30A1\u30AF\u30BF\u30FC BF10\uFF08t \u3068\u4EBA\u6570\u304B\u3089\u8A08\u7B97\u3002BayesFactor \u306E ttest.tstat \u3068\u540C\u3058\uFF09\u3002")), _
            Array(L("The t statistic (Student's t for two groups).", U("t \u7D71\u8A08\u91CF\uFF082 \u7FA4\u3067\u306F Student \u306E t\uFF09\u3002")), _
            L("Number of values (pairs for paired data, first group for two groups).", U("\u4EF6\u6570\uFF08\u5BFE\u5FDC\u3042\u308A\u306A\u3089\u7D44\u6570\u30012 \u7FA4\u306A\u3089 1 \u3064\u76EE\u306E\u7FA4\u306E\u4EBA\u6570\uFF09\u3002")), _
            L("Second group's size; omit for one sample or paired data.", U("2 \u3064\u76EE\u306E\u7FA4\u306E\u4EBA\u6570\u30021 \u7FA4\u30FB\u5BFE\u5FDC\u3042\u308A\u306A\u3089\u7701\u7565\u3002")), _
            L("Scale r of the Cauchy prior; default 0.707 (medium).", U("\u30B3\u30FC\u30B7\u30FC\u4E8B\u524D\u5206\u5E03\u306E\u5C3A\u5EA6 r\u3002\u65E2\u5B9A\u306F 0.707\uFF08medium\uFF09\u3002")))
    RegisterHelp "TTXL_PROP_2INDEP", L("Change in the share of positive answers between two independent groups: difference, CI (Newcombe), p (chi-square), ...", U("\u72EC\u7ACB\u3057\u305F 2 \u7FA4\u306E\u80AF\u5B9A\u7684\u56DE\u7B54\u306E\u5272\u5408\u306E\u5DEE\uFF1A\u5DEE\u3001\u4FE1\u983C\u533A\u9593\uFF08Newcombe\uFF09\u3001p\uFF08\u30AB\u30A4\u4E8C\u4E57\u691C\u5B9A\uFF09\u306A\u3069\u3002")), _
            Array(L("Positive answers in the first group, e.g. COUNTIF(B2:B51, "">=4"").", U("1 \u56DE\u76EE\u306E\u80AF\u5B9A\u7684\u56DE\u7B54\u306E\u6570\uFF08\u4F8B: COUNTIF(B2:B51, "">=4"")\uFF09\u3002")), _
            L("Respondents in the first group, e.g. COUNT(B2:B51).", U("1 \u56DE\u76EE\u306E\u56DE\u7B54\u8005\u6570\uFF08\u4F8B: COUNT(B2:B51)\uFF09\u3002")), _
            L("Positive answers in the second group.", U("2 \u56DE\u76EE\u306E\u80AF\u5B9A\u7684\u56DE\u7B54\u306E\u6570\u3002")), _
            L("Respondents in the second group.", U("2 \u56DE\u76EE\u306E\u56DE\u7B54\u8005\u6570\u3002")), _
            L("Confidence level of the interval; default 0.95.", U("\u4FE1\u983C\u533A\u9593\u306E\u4FE1\u983C\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.95\u3002")))
    RegisterHelp "TTXL_PROP_PAIRED", L("Change in the share of positive answers of the same staff: difference, CI (Newcombe), p (exact McNemar), ...", U("\u540C\u3058\u8077\u54E1\u306E\u80AF\u5B9A\u7684\u56DE\u7B54\u306E\u5272\u5408\u306E\u5DEE\uFF1A\u5DEE\u3001\u4FE1\u983C\u533A\u9593\uFF08Newcombe\uFF09\u3001p\uFF08\u6B63\u78BA\u306A McNemar \u691C\u5B9A\uFF09\u306A\u3069\u3002")), _
            Array(L("Staff positive both times.", U("2 \u56DE\u3068\u3082\u80AF\u5B9A\u7684\u3060\u3063\u305F\u4EBA\u6570\u3002")), _
            L("Staff positive only the first time.", U("1 \u56DE\u76EE\u3060\u3051\u80AF\u5B9A\u7684\u3060\u3063\u305F\u4EBA\u6570\u3002")), _
            L("Staff positive only the second time.", U("2 \u56DE\u76EE\u3060\u3051\u80AF\u5B9A\u7684\u3060\u3063\u305F\u4EBA\u6570\u3002")), _
            L("Staff positive neither time.", U("\u3069\u3061\u3089\u3082\u80AF\u5B9A\u7684\u3067\u306A\u304B\u3063\u305F\u4EBA\u6570\u3002")), _
            L("Confidence level of the interval; default 0.95.", U("\u4FE1\u983C\u533A\u9593\u306E\u4FE1\u983C\u6C34\u6E96\u3002\u65E2\u5B9A\u306F 0.95\u3002")))
End Sub

' One entry of TTXL_RegisterFunctionHelp; a failure skips this entry only.
Private Sub RegisterHelp(ByVal functionName As String, ByVal description As String, ByVal arguments As Variant)
    On Error GoTo Skipped
    If IsEmpty(arguments) Then
        Application.MacroOptions Macro:=functionName, Description:=description, Category:="ttest-xl"
    Else
        Application.MacroOptions Macro:=functionName, Description:=description, Category:="ttest-xl", _
                ArgumentDescriptions:=arguments
    End If
Skipped:
End Sub

' ==== (6) The analysis macro ==================================================================

' The language of the shared words for the DLL: the UI language.
Private Function LanguageCode() As Long
    LanguageCode = IIf(IsJapanese(), TTXL_LANG_JA, TTXL_LANG_EN)
End Function

' Cohen's (1988) label for d in the command-line tool's words ("medium", U+4E2D U+7A0B U+5EA6),
' from the DLL (ttxl_effect_label_utf16): the thresholds live in the engine only.
Private Function EffectLabel(ByVal d As Double) As String
    Dim buffer As String, n As Long, status As Long
    buffer = String$(64, vbNullChar)
    status = c_ttxl_effect_label_utf16(d, LanguageCode(), StrPtr(buffer), Len(buffer), n)
    If status = TTXL_ERR_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = c_ttxl_effect_label_utf16(d, LanguageCode(), StrPtr(buffer), Len(buffer), n)
    End If
    If status = TTXL_OK Then EffectLabel = Left$(buffer, n)
End Function

' The decision on a Holm-adjusted p, from the DLL (ttxl_significant: p < .05; NaN is not).
Private Function IsSignificant(ByVal adjustedP As Double) As Boolean
    Dim flag As Long
    If c_ttxl_significant(adjustedP, 0.05, flag) = TTXL_OK Then IsSignificant = (flag <> 0)
End Function

' One plain sentence per item, the command-line tool's Summary sheet sentence, written by the DLL
' (ttxl_ttest_sentence_utf16), e.g. in English:
' "Q1: after (M = 3.56, SD = 0.80) was significantly higher than before (M = 3.21, SD = 0.85),
' t(98) = 2.95, p = .004, adjusted p = .012, d = 0.42, 95% CI [0.14, 0.70]."
' Significance is decided by the Holm-adjusted p (< .05). r is the test of after (x) against
' before (y), at the 95% level.
Private Function ResultSentence(ByVal item As String, ByRef r As TtxlTTest, ByVal adjustedP As Double, _
        ByVal beforeLabel As String, ByVal afterLabel As String) As String
    Dim buffer As String, n As Long, status As Long
    buffer = String$(512, vbNullChar)
    status = c_ttxl_ttest_sentence_utf16(r, adjustedP, 0.05, 0.95, StrPtr(item), Len(item), StrPtr(afterLabel), _
            Len(afterLabel), StrPtr(beforeLabel), Len(beforeLabel), LanguageCode(), StrPtr(buffer), Len(buffer), n)
    If status = TTXL_ERR_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = c_ttxl_ttest_sentence_utf16(r, adjustedP, 0.05, 0.95, StrPtr(item), Len(item), StrPtr(afterLabel), _
                Len(afterLabel), StrPtr(beforeLabel), Len(beforeLabel), LanguageCode(), StrPtr(buffer), Len(buffer), n)
    End If
    If status = TTXL_OK Then
        ResultSentence = Left$(buffer, n)
    Else
        RememberDllError "ttest_sentence", status
        ResultSentence = item & ": " & mLastError
    End If
End Function

' The sentence for an item that could not be tested, the command-line tool's, written by the DLL
' (ttxl_not_tested_sentence_utf16): "Q2: not tested - <reason>." (with an em dash).
Private Function NotTestedSentence(ByVal item As String, ByVal reason As String) As String
    Dim buffer As String, n As Long, status As Long
    buffer = String$(512, vbNullChar)
    status = c_ttxl_not_tested_sentence_utf16(StrPtr(item), Len(item), StrPtr(reason), Len(reason), LanguageCode(), _
            StrPtr(buffer), Len(buffer), n)
    If status = TTXL_ERR_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = c_ttxl_not_tested_sentence_utf16(StrPtr(item), Len(item), StrPtr(reason), Len(reason), LanguageCode(), _
                StrPtr(buffer), Len(buffer), n)
    End If
    If status = TTXL_OK Then
        NotTestedSentence = Left$(buffer, n)
    Else
        RememberDllError "not_tested_sentence", status
        NotTestedSentence = item & ": " & mLastError
    End If
End Function

' The overall conclusion naming the test and the correction, the command-line tool's Summary sheet
' conclusion, written by the DLL (ttxl_conclusion_sentence_utf16), e.g. in English:
' "Of 15 item(s) tested (paired t-test, Holm correction across 15 item(s), alpha = .05), 3 differed
' significantly between before and after: 2 higher and 1 lower in after."
' reasons: why the untested items could not be tested, one per line (vbLf); the sentence lists
' them when no item could be tested.
Private Function ConclusionSentence(ByVal paired As Boolean, ByVal tested As Long, ByVal higher As Long, _
        ByVal lower As Long, ByVal untested As Long, ByVal beforeLabel As String, ByVal afterLabel As String, _
        ByVal reasons As String) As String
    Dim buffer As String, n As Long, status As Long, testCode As Long, wholeSample As String
    testCode = IIf(paired, TTXL_TEST_PAIRED, TTXL_TEST_WELCH)
    buffer = String$(512, vbNullChar)
    status = c_ttxl_conclusion_sentence_utf16(tested, higher, lower, untested, testCode, TTXL_ADJUST_HOLM, 0.05, _
            StrPtr(wholeSample), 0, StrPtr(beforeLabel), Len(beforeLabel), StrPtr(afterLabel), Len(afterLabel), _
            StrPtr(reasons), Len(reasons), LanguageCode(), StrPtr(buffer), Len(buffer), n)
    If status = TTXL_ERR_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = c_ttxl_conclusion_sentence_utf16(tested, higher, lower, untested, testCode, TTXL_ADJUST_HOLM, 0.05, _
                StrPtr(wholeSample), 0, StrPtr(beforeLabel), Len(beforeLabel), StrPtr(afterLabel), Len(afterLabel), _
                StrPtr(reasons), Len(reasons), LanguageCode(), StrPtr(buffer), Len(buffer), n)
    End If
    If status = TTXL_OK Then
        ConclusionSentence = Left$(buffer, n)
    Else
        RememberDllError "conclusion_sentence", status
        ConclusionSentence = mLastError
    End If
End Function

' Asks for a range with Excel's InputBox (Type:=8). Returns Nothing when the user cancels.
Private Function AskRange(ByVal prompt As String, ByVal title As String) As Range
    Dim defaultAddress As String
    ' In the style the user works in (A1 or R1C1), or InputBox would not accept it back.
    If TypeName(Selection) = "Range" Then defaultAddress = Selection.Address(True, True, Application.ReferenceStyle, True)
    On Error GoTo Cancelled
    Set AskRange = Application.InputBox(Prompt:=prompt, Title:=title, Default:=defaultAddress, Type:=8)
    Exit Function
Cancelled:
    ' Cancel makes InputBox return False, which Set rejects with error 424. Anything else is real.
    If Err.Number <> 424 Then Err.Raise Err.Number, Err.Source, Err.Description
    Set AskRange = Nothing
End Function

' A header cell as text for comparing the two ranges: trimmed, case and width as typed.
Private Function HeaderText(ByVal value As Variant) As String
    If IsError(value) Then
        HeaderText = ErrorText(value)
    Else
        HeaderText = Trim$(CStr(value))
    End If
End Function

' Column j (rows 2 to the end) of a Value2 array as a 1-D array; error cells become blanks and are
' counted in errorCount (the command-line tool also treats them as missing, with a warning).
Private Function ColumnValues(ByRef data As Variant, ByVal j As Long, ByRef errorCount As Long) As Variant
    Dim values() As Variant, i As Long, n As Long
    n = UBound(data, 1) - 1
    ReDim values(0 To n - 1)
    errorCount = 0
    For i = 0 To n - 1
        If IsError(data(i + 2, j)) Then
            values(i) = Empty
            errorCount = errorCount + 1
        Else
            values(i) = data(i + 2, j)
        End If
    Next i
    ColumnValues = values
End Function

Private Function UniqueSheetName(ByVal book As Workbook, ByVal baseName As String) As String
    Dim candidate As String, k As Long, sh As Object, taken As Boolean
    candidate = baseName
    k = 1
    Do
        taken = False
        For Each sh In book.Sheets
            If StrComp(sh.Name, candidate, vbTextCompare) = 0 Then taken = True
        Next sh
        If Not taken Then Exit Do
        k = k + 1
        candidate = baseName & " (" & k & ")"
    Loop
    UniqueSheetName = candidate
End Function

' Asks for the "before" and "after" ranges (first row = item names, one column per item), whether
' the rows are the same people (paired), and writes a new sheet with the results table (n, means,
' SDs, difference and CI, t, df, p, Holm-adjusted p, d with CI, effect label) and one sentence
' per item. Run it from Developer > Macros (Alt+F8) > TTXL_AnalyzeSelection.
' Example: before = Sheet1!B1:P101 (15 items, 100 people), after = Sheet2!B1:P101, paired = Yes.
Public Sub TTXL_AnalyzeSelection()
    Dim dialogShownBefore As Boolean, before As Range, after As Range, answer As Long
    On Error GoTo Failed
    dialogShownBefore = mLoadDialogShown
    If Not EnsureDll() Then
        If dialogShownBefore Then ShowMessage mLastError, MB_OK Or MB_ICONEXCLAMATION
        Exit Sub
    End If
    Set before = AskRange(L("Select the BEFORE data: the first row holds the item names, each column is one item," _
            & " each row one person.", U("\u300C\u4E8B\u524D\u300D\u306E\u30C7\u30FC\u30BF\u306E\u7BC4\u56F2\u3092\u9078\u629E\u3057\u3066\u304F\u3060\u3055\u3044\u30021 \u884C\u76EE\u306F\u8A2D\u554F\u540D\u30011 \u5217\u304C 1 \u3064\u306E\u8A2D\u554F\u30011 \u884C\u304C 1 \u4EBA\u5206\u306E\u56DE\u7B54\u3067\u3059\u3002")), _
            L("ttest-xl: before (1/3)", U("ttest-xl\uFF1A\u4E8B\u524D\uFF081/3\uFF09")))
    If before Is Nothing Then Exit Sub
    Set after = AskRange(L("Select the AFTER data, with the same items in the same column order.", _
            U("\u300C\u4E8B\u5F8C\u300D\u306E\u30C7\u30FC\u30BF\u306E\u7BC4\u56F2\u3092\u9078\u629E\u3057\u3066\u304F\u3060\u3055\u3044\u3002\u8A2D\u554F\u306F\u4E8B\u524D\u3068\u540C\u3058\u9806\u306B\u4E26\u3079\u3066\u304F\u3060\u3055\u3044\u3002")), _
            L("ttest-xl: after (2/3)", U("ttest-xl\uFF1A\u4E8B\u5F8C\uFF082/3\uFF09")))
    If after Is Nothing Then Exit Sub
    answer = ShowMessage(L("Are the rows the same people in the same order in both ranges (paired data)?" & vbCrLf _
            & vbCrLf & "Yes: paired t-test.   No: two independent groups (Welch's t-test).", _
            U("2 \u3064\u306E\u7BC4\u56F2\u306E\u5404\u884C\u306F\u3001\u540C\u3058\u4EBA\u304C\u540C\u3058\u9806\u306B\u4E26\u3093\u3067\u3044\u307E\u3059\u304B\uFF08\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\uFF09\uFF1F") & vbCrLf & vbCrLf _
            & U("\u306F\u3044\uFF1A\u5BFE\u5FDC\u306E\u3042\u308B t \u691C\u5B9A\u3000\u3000\u3044\u3044\u3048\uFF1A\u72EC\u7ACB\u3057\u305F 2 \u7FA4\uFF08Welch \u306E t \u691C\u5B9A\uFF09")), _
            MB_YESNOCANCEL Or MB_ICONQUESTION)
    If answer <> IDYES And answer <> IDNO Then Exit Sub
    WriteResults before, after, (answer = IDYES)
    Exit Sub
Failed:
    ' A protected workbook, a full disk, too little memory...: say so instead of opening the debugger.
    Application.ScreenUpdating = True
    ShowMessage L("ttest-xl could not finish the analysis: " & Err.Description & " (error " & Err.Number & ")." _
            & vbCrLf & "If the workbook is protected (Review > Unprotect Workbook), unprotect it or copy the data" _
            & " into a new workbook and run the macro there.", _
            U("ttest-xl \u306E\u5206\u6790\u3092\u6700\u5F8C\u307E\u3067\u5B9F\u884C\u3067\u304D\u307E\u305B\u3093\u3067\u3057\u305F\uFF1A") & Err.Description & U("\uFF08\u30A8\u30E9\u30FC ") & Err.Number _
            & U("\uFF09\u3002") & vbCrLf & U("\u30D6\u30C3\u30AF\u304C\u4FDD\u8B77\u3055\u308C\u3066\u3044\u308B\u5834\u5408\u306F\u3001\u4FDD\u8B77\u3092\u89E3\u9664\u3059\u308B\uFF08\u6821\u95B2 > \u30D6\u30C3\u30AF\u306E\u4FDD\u8B77\u306E\u89E3\u9664\uFF09\u304B\u3001\u30C7\u30FC\u30BF\u3092\u65B0\u3057\u3044\u30D6\u30C3\u30AF\u306B\u30B3\u30D4\u30FC\u3057\u3066\u305D\u3053\u3067\u5B9F\u884C\u3057\u3066\u304F\u3060\u3055\u3044\u3002")), _
            MB_OK Or MB_ICONEXCLAMATION
End Sub

' Validates the two ranges, runs one test per item and writes the results sheet: the table, its
' formats, then the summary sentences and the method.
Private Sub WriteResults(ByVal before As Range, ByVal after As Range, ByVal paired As Boolean)
    Dim beforeData As Variant, afterData As Variant, itemCount As Long
    Dim results() As TtxlTTest, codes() As Long, notes() As String, names() As String
    Dim adjusted() As Double, beforeLabel As String, afterLabel As String, problem As String
    Dim table As Variant, book As Workbook, ws As Worksheet, body As Range

    ' Whole columns (B:P) are cut at the used range, or every one of 1,048,576 rows would be read.
    If before.Areas.Count = 1 Then Set before = UsedPart(before)
    If after.Areas.Count = 1 Then Set after = UsedPart(after)
    problem = RangesProblem(before, after, paired)
    If Len(problem) > 0 Then
        ShowMessage problem, MB_OK Or MB_ICONEXCLAMATION
        Exit Sub
    End If

    beforeData = before.Value2
    afterData = after.Value2
    itemCount = before.Columns.Count
    If Not HeadersAgreeOrGoOn(beforeData, afterData, itemCount) Then Exit Sub
    If before.Worksheet.Name <> after.Worksheet.Name Then
        beforeLabel = before.Worksheet.Name
        afterLabel = after.Worksheet.Name
    Else
        beforeLabel = L("before", U("\u4E8B\u524D"))
        afterLabel = L("after", U("\u4E8B\u5F8C"))
    End If

    If Not TestEveryItem(beforeData, afterData, itemCount, paired, results, codes, notes, names, adjusted) Then Exit Sub
    table = ResultsTable(itemCount, paired, beforeLabel, afterLabel, names, codes, results, adjusted, notes)

    Set book = before.Worksheet.Parent
    Set ws = book.Worksheets.Add(After:=book.Sheets(book.Sheets.Count))
    ws.Name = UniqueSheetName(book, L("TTXL results", U("\u691C\u5B9A\u7D50\u679C")))
    Set body = ws.Range("A1").Resize(itemCount + 1, UBound(table, 2))
    ' Item names and notes as text, so "1-2" stays "1-2" instead of becoming a date.
    body.Columns(1).NumberFormat = "@"
    body.Columns(UBound(table, 2)).NumberFormat = "@"
    body.Value2 = table
    FormatResultsTable body, itemCount, paired, codes, adjusted
    WriteSummary ws, itemCount + 3, paired, itemCount, beforeLabel, afterLabel, names, codes, notes, results, adjusted

    body.Columns.AutoFit
    ws.Activate
    ActiveWindow.FreezePanes = False
    ws.Range("B2").Select
    ActiveWindow.FreezePanes = True
    ws.Range("A1").Select
End Sub

' Why the two selected ranges cannot be analysed (one rectangle each, a header row and two rows of
' data, as many columns, as many rows when paired); empty when they can.
Private Function RangesProblem(ByVal before As Range, ByVal after As Range, ByVal paired As Boolean) As String
    Dim problem As String
    If before.Areas.Count > 1 Or after.Areas.Count > 1 Then
        problem = L("Select one rectangular range each time.", U("\u305D\u308C\u305E\u308C\u9023\u7D9A\u3057\u305F 1 \u3064\u306E\u30BB\u30EB\u7BC4\u56F2\u3092\u9078\u629E\u3057\u3066\u304F\u3060\u3055\u3044\u3002"))
    ElseIf before.Rows.Count < 3 Or after.Rows.Count < 3 Then
        problem = L("Each range needs a header row and at least two rows of data.", _
                U("\u5404\u7BC4\u56F2\u306B\u306F\u898B\u51FA\u3057\u306E\u884C\u3068 2 \u884C\u4EE5\u4E0A\u306E\u30C7\u30FC\u30BF\u304C\u5FC5\u8981\u3067\u3059\u3002"))
    ElseIf before.Columns.Count <> after.Columns.Count Then
        problem = L("The two ranges must have the same number of columns (items): before has " & before.Columns.Count _
                & ", after has " & after.Columns.Count & ".", U("2 \u3064\u306E\u7BC4\u56F2\u306E\u5217\uFF08\u8A2D\u554F\uFF09\u306E\u6570\u304C\u9055\u3044\u307E\u3059\uFF08\u4E8B\u524D ") _
                & before.Columns.Count & U(" \u5217\u3001\u4E8B\u5F8C ") & after.Columns.Count & U(" \u5217\uFF09\u3002"))
    ElseIf paired And before.Rows.Count <> after.Rows.Count Then
        problem = L("Paired data need the same number of rows (people) in both ranges: before has " _
                & before.Rows.Count - 1 & ", after has " & after.Rows.Count - 1 & ".", _
                U("\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\u3067\u306F\u30012 \u3064\u306E\u7BC4\u56F2\u306E\u884C\uFF08\u4EBA\uFF09\u306E\u6570\u3092\u305D\u308D\u3048\u3066\u304F\u3060\u3055\u3044\uFF08\u4E8B\u524D ") _
                & before.Rows.Count - 1 & U(" \u884C\u3001\u4E8B\u5F8C ") & after.Rows.Count - 1 & U(" \u884C\uFF09\u3002"))
    End If
    RangesProblem = problem
End Function

' The items are paired by position: columns in another order would test each item against
' another question. Compares the header rows and, when they differ, lists the differences and asks;
' True when they agree or the user goes on.
Private Function HeadersAgreeOrGoOn(ByRef beforeData As Variant, ByRef afterData As Variant, _
        ByVal itemCount As Long) As Boolean
    Dim mismatches As String, mismatchCount As Long, j As Long
    For j = 1 To itemCount
        If HeaderText(beforeData(1, j)) <> HeaderText(afterData(1, j)) Then
            mismatchCount = mismatchCount + 1
            If mismatchCount <= 5 Then
                mismatches = mismatches & vbCrLf & "  " & j & ": " & HeaderText(beforeData(1, j)) & "  <>  " _
                        & HeaderText(afterData(1, j))
            End If
        End If
    Next j
    If mismatchCount > 0 Then
        If ShowMessage(L("The item names of the two ranges differ in " & mismatchCount & " column(s):" & mismatches _
                & vbCrLf & vbCrLf & "Items are compared by position (1st column with 1st column, ...). Continue anyway?", _
                U("2 \u3064\u306E\u7BC4\u56F2\u3067\u8A2D\u554F\u540D\u304C\u9055\u3046\u5217\u304C ") & mismatchCount & U(" \u5217\u3042\u308A\u307E\u3059\uFF1A") & mismatches & vbCrLf & vbCrLf _
                & U("\u8A2D\u554F\u306F\u5217\u306E\u4F4D\u7F6E\u3067\u5BFE\u5FDC\u3055\u305B\u307E\u3059\uFF081 \u5217\u76EE\u3069\u3046\u3057\u30012 \u5217\u76EE\u3069\u3046\u3057\u2026\uFF09\u3002\u3053\u306E\u307E\u307E\u7D9A\u3051\u307E\u3059\u304B\uFF1F")), _
                MB_YESNO Or MB_ICONQUESTION) <> IDYES Then Exit Function
    End If
    HeadersAgreeOrGoOn = True
End Function

' Runs one test per item (x = after, y = before) and adjusts the p-values with Holm's method: fills
' the item names, the status codes, the notes (why an item was not tested, error cells), the results
' and the adjusted p-values (NaN when not tested). False when the adjustment failed (said in a dialog).
Private Function TestEveryItem(ByRef beforeData As Variant, ByRef afterData As Variant, ByVal itemCount As Long, _
        ByVal paired As Boolean, ByRef results() As TtxlTTest, ByRef codes() As Long, ByRef notes() As String, _
        ByRef names() As String, ByRef adjusted() As Double) As Boolean
    Dim p() As Double, errorsBefore As Long, errorsAfter As Long, j As Long, tested As Long
    ReDim results(1 To itemCount)
    ReDim codes(1 To itemCount)
    ReDim notes(1 To itemCount)
    ReDim names(1 To itemCount)
    ReDim p(0 To itemCount - 1)
    ReDim adjusted(0 To itemCount - 1)
    For j = 1 To itemCount
        If IsError(beforeData(1, j)) Then
            names(j) = L("column ", U("\u5217 ")) & j
        ElseIf Len(Trim$(CStr(beforeData(1, j)))) = 0 Then
            names(j) = L("column ", U("\u5217 ")) & j
        Else
            names(j) = CStr(beforeData(1, j))
        End If
        ' x = after, y = before: the difference is after - before, as the command-line tool.
        codes(j) = RunTTest(IIf(paired, KIND_PAIRED, KIND_WELCH), ColumnValues(afterData, j, errorsAfter), _
                ColumnValues(beforeData, j, errorsBefore), TTXL_TWO_SIDED, 0, 0.95, names(j), results(j))
        If codes(j) <> 0 Then
            notes(j) = Mid$(mLastError, Len(names(j)) + 3)
            p(j - 1) = NotANumber()
        Else
            p(j - 1) = results(j).p_value
        End If
        If errorsBefore + errorsAfter > 0 Then
            notes(j) = Trim$(notes(j) & " " & L(errorsBefore + errorsAfter & " error cell(s) (#N/A etc.) treated as blank.", _
                    errorsBefore + errorsAfter & U(" \u500B\u306E\u30A8\u30E9\u30FC\u5024\u306E\u30BB\u30EB\uFF08#N/A \u306A\u3069\uFF09\u3092\u7A7A\u6B04\u3068\u3057\u3066\u6271\u3044\u307E\u3057\u305F\u3002")))
        End If
    Next j
    For j = 1 To itemCount
        If codes(j) = 0 Then tested = tested + 1
    Next j
    If tested = 0 Then
        For j = 0 To itemCount - 1
            adjusted(j) = NotANumber()
        Next j
    ElseIf CheckStatus(c_ttxl_p_adjust(p(0), itemCount, TTXL_ADJUST_HOLM, adjusted(0)), "p_adjust") <> 0 Then
        ShowMessage mLastError, MB_OK Or MB_ICONEXCLAMATION
        Exit Function
    End If
    TestEveryItem = True
End Function

' The results table, header row first, written to the sheet in one assignment.
Private Function ResultsTable(ByVal itemCount As Long, ByVal paired As Boolean, ByVal beforeLabel As String, _
        ByVal afterLabel As String, ByRef names() As String, ByRef codes() As Long, ByRef results() As TtxlTTest, _
        ByRef adjusted() As Double, ByRef notes() As String) As Variant
    Const COLUMNS_OUT As Long = 19
    Dim table() As Variant, j As Long
    ReDim table(1 To itemCount + 1, 1 To COLUMNS_OUT)
    table(1, 1) = L("Item", U("\u8A2D\u554F"))
    table(1, 2) = "n" & L(" (", U("\uFF08")) & beforeLabel & L(")", U("\uFF09"))
    table(1, 3) = "n" & L(" (", U("\uFF08")) & afterLabel & L(")", U("\uFF09"))
    table(1, 4) = L("Mean (", U("\u5E73\u5747\uFF08")) & beforeLabel & L(")", U("\uFF09"))
    table(1, 5) = "SD" & L(" (", U("\uFF08")) & beforeLabel & L(")", U("\uFF09"))
    table(1, 6) = L("Mean (", U("\u5E73\u5747\uFF08")) & afterLabel & L(")", U("\uFF09"))
    table(1, 7) = "SD" & L(" (", U("\uFF08")) & afterLabel & L(")", U("\uFF09"))
    table(1, 8) = L("Difference (", U("\u5DEE\uFF08")) & afterLabel & " - " & beforeLabel & L(")", U("\uFF09"))
    table(1, 9) = L("95% CI low", U("95% \u4FE1\u983C\u533A\u9593 \u4E0B\u9650"))
    table(1, 10) = L("95% CI high", U("95% \u4FE1\u983C\u533A\u9593 \u4E0A\u9650"))
    table(1, 11) = "t"
    table(1, 12) = L("df", U("\u81EA\u7531\u5EA6"))
    table(1, 13) = "p"
    table(1, 14) = L("p (Holm)", U("\u88DC\u6B63\u5F8C p\uFF08Holm \u6CD5\uFF09"))
    table(1, 15) = IIf(paired, "d_z", "d")
    table(1, 16) = L("d 95% CI low", U("d 95% \u4FE1\u983C\u533A\u9593 \u4E0B\u9650"))
    table(1, 17) = L("d 95% CI high", U("d 95% \u4FE1\u983C\u533A\u9593 \u4E0A\u9650"))
    table(1, 18) = L("Effect size", U("\u52B9\u679C\u91CF\u306E\u5927\u304D\u3055"))
    table(1, 19) = L("Note", U("\u5099\u8003"))
    For j = 1 To itemCount
        table(j + 1, 1) = names(j)
        If codes(j) = 0 Then
            With results(j)
                table(j + 1, 2) = CellNumber(.n_y)
                table(j + 1, 3) = CellNumber(.n_x)
                table(j + 1, 4) = CellNumber(.mean_y)
                table(j + 1, 5) = CellNumber(.sd_y)
                table(j + 1, 6) = CellNumber(.mean_x)
                table(j + 1, 7) = CellNumber(.sd_x)
                table(j + 1, 8) = CellNumber(.estimate)
                table(j + 1, 9) = CellNumber(.conf_low)
                table(j + 1, 10) = CellNumber(.conf_high)
                table(j + 1, 11) = CellNumber(.statistic)
                table(j + 1, 12) = CellNumber(.df)
                table(j + 1, 13) = CellNumber(.p_value)
                table(j + 1, 14) = CellNumber(adjusted(j - 1))
                table(j + 1, 15) = CellNumber(.cohen_d)
                table(j + 1, 16) = CellNumber(.cohen_d_low)
                table(j + 1, 17) = CellNumber(.cohen_d_high)
                table(j + 1, 18) = EffectLabel(.cohen_d)
            End With
        End If
        table(j + 1, 19) = notes(j)
    Next j
    ResultsTable = table
End Function

' Formats of the results table: header, borders, number formats, significant rows shaded.
Private Sub FormatResultsTable(ByVal body As Range, ByVal itemCount As Long, ByVal paired As Boolean, _
        ByRef codes() As Long, ByRef adjusted() As Double)
    Dim j As Long
    ' Header, borders, number formats, significant rows.
    With body.Rows(1)
        .Font.Bold = True
        .Interior.Color = RGB(221, 235, 247)
        .VerticalAlignment = xlCenter
    End With
    body.Borders.LineStyle = xlContinuous
    body.Columns(2).Resize(, 2).NumberFormat = "0"
    body.Columns(4).Resize(, 8).NumberFormat = "0.00"
    body.Columns(12).NumberFormat = IIf(paired, "0", "0.00")
    body.Columns(13).Resize(, 2).NumberFormat = "0.000"
    body.Columns(15).Resize(, 3).NumberFormat = "0.00"
    body.Rows(1).NumberFormat = "General"
    For j = 1 To itemCount
        If codes(j) = 0 Then
            If IsSignificant(adjusted(j - 1)) Then
                body.Rows(j + 1).Interior.Color = RGB(226, 239, 218)
                body.Cells(j + 1, 14).Font.Bold = True
            End If
        End If
    Next j
End Sub

' Below the table from rowIndex: the overall conclusion and one sentence per item, then how it was
' done.
Private Sub WriteSummary(ByVal ws As Worksheet, ByVal rowIndex As Long, ByVal paired As Boolean, _
        ByVal itemCount As Long, ByVal beforeLabel As String, ByVal afterLabel As String, ByRef names() As String, _
        ByRef codes() As Long, ByRef notes() As String, ByRef results() As TtxlTTest, ByRef adjusted() As Double)
    Dim version As String, higher As Long, lower As Long, tested As Long, untestedReasons As String, j As Long
    For j = 1 To itemCount
        If codes(j) = 0 Then
            tested = tested + 1
            If IsSignificant(adjusted(j - 1)) Then
                If results(j).estimate > 0 Then higher = higher + 1 Else lower = lower + 1
            End If
        Else
            untestedReasons = untestedReasons & notes(j) & vbLf
        End If
    Next j
    ws.Cells(rowIndex, 1).Value2 = L("Summary", U("\u6982\u8981"))
    ws.Cells(rowIndex, 1).Font.Bold = True
    rowIndex = rowIndex + 1
    ws.Cells(rowIndex, 1).Value2 = ConclusionSentence(paired, tested, higher, lower, itemCount - tested, _
            beforeLabel, afterLabel, untestedReasons)
    For j = 1 To itemCount
        rowIndex = rowIndex + 1
        If codes(j) = 0 Then
            ws.Cells(rowIndex, 1).Value2 = ResultSentence(names(j), results(j), adjusted(j - 1), beforeLabel, afterLabel)
        Else
            ws.Cells(rowIndex, 1).Value2 = NotTestedSentence(names(j), notes(j))
        End If
    Next j
    version = Utf8ToString(c_ttxl_version())
    rowIndex = rowIndex + 2
    ws.Cells(rowIndex, 1).Value2 = L("Method", U("\u65B9\u6CD5"))
    ws.Cells(rowIndex, 1).Font.Bold = True
    ws.Cells(rowIndex + 1, 1).Value2 = MethodText(paired, itemCount, beforeLabel, afterLabel, version)
    ws.Cells(rowIndex + 2, 1).Value2 = EffectRuleText(paired)
End Sub

' How the results were computed. The macro's own sentence: the command-line tool's Method sheet has
' no such one-line summary (it describes its many options row by row), so there is nothing to share.
Private Function MethodText(ByVal paired As Boolean, ByVal itemCount As Long, ByVal beforeLabel As String, _
        ByVal afterLabel As String, ByVal version As String) As String
    If IsJapanese() Then
        MethodText = IIf(paired, U("\u5BFE\u5FDC\u306E\u3042\u308B t \u691C\u5B9A\uFF08\u540C\u3058\u4EBA\u306E\u4E8B\u524D\u3068\u4E8B\u5F8C\u3092\u6BD4\u8F03\u3002\u7247\u65B9\u304C\u7A7A\u6B04\u306E\u7D44\u306F\u9664\u5916\uFF09"), _
                U("Welch \u306E t \u691C\u5B9A\uFF08\u72EC\u7ACB\u3057\u305F 2 \u7FA4\u3092\u6BD4\u8F03\u3002\u7A7A\u6B04\u3068\u6587\u5B57\u5217\u306E\u30BB\u30EB\u306F\u9664\u5916\uFF09")) _
                & U("\u3002\u5DEE\u306F\u300C") & afterLabel & " - " & beforeLabel & U("\u300D\u3067\u8A08\u7B97\u3002p \u5024\u306F ") & itemCount _
                & U(" \u554F\u306B\u3064\u3044\u3066 Holm \u6CD5\u3067\u88DC\u6B63\u3057\u3001\u88DC\u6B63\u5F8C p < .05 \u3092\u6709\u610F\u3068\u3057\u305F\u3002ttest-xl ") & version & U(" \u3067\u8A08\u7B97\u3002")
    Else
        MethodText = IIf(paired, "Paired t-test (the same people before and after; pairs with a blank are dropped)", _
                "Welch's t-test (two independent groups; blank and text cells are skipped)") _
                & ". Difference = " & afterLabel & " - " & beforeLabel & ". p-values adjusted across " & itemCount _
                & " item(s) with Holm's method; significant means adjusted p < .05. Computed by ttest-xl " & version & "."
    End If
End Function

Private Function EffectRuleText(ByVal paired As Boolean) As String
    If IsJapanese() Then
        EffectRuleText = IIf(paired, U("d \u306F d_z\uFF08\u5DEE\u306E\u5E73\u5747 \u00F7 \u5DEE\u306E\u6A19\u6E96\u504F\u5DEE\uFF09"), U("d \u306F\u5E73\u5747\u306E\u5DEE \u00F7 2 \u7FA4\u306E\u5206\u6563\u306E\u5E73\u5747\u306E\u5E73\u65B9\u6839")) _
                & U("\u3002\uFF3B \uFF3D\u5185\u306F 95% \u4FE1\u983C\u533A\u9593\u3002\u5927\u304D\u3055\u306E\u76EE\u5B89\uFF08Cohen, 1988\uFF09\uFF1A|d| < 0.2 \u7121\u8996\u3067\u304D\u308B\u7A0B\u5EA6\u30010.2 \u4EE5\u4E0A \u5C0F\u3055\u3044\u30010.5 \u4EE5\u4E0A \u4E2D\u7A0B\u5EA6\u30010.8 \u4EE5\u4E0A \u5927\u304D\u3044\u3002")
    Else
        EffectRuleText = IIf(paired, "d is d_z (mean of the differences / SD of the differences)", _
                "d is the mean difference / square root of the average of the two variances") _
                & "; [ ] is its 95% CI. Labels (Cohen, 1988): |d| < 0.2 negligible, from 0.2 small, from 0.5 medium, from 0.8 large."
    End If
End Function

' ==== (7) Self-test ===========================================================================

' Element k of a one-row result (or the value itself for a single cell).
Private Function Pick(ByVal result As Variant, ByVal k As Long) As Variant
    If IsArray(result) Then
        Pick = result(1, k)
    ElseIf k = 1 Then
        Pick = result
    Else
        Pick = CVErr(xlErrRef)
    End If
End Function

' Records one check: |actual - expected| <= tol * max(1, |expected|). The expected values are R's
' (tests/reference/vba_selftest.R); tests/vba_selftest.rs checks these literals against its output.
Private Sub Expect(ByVal key As String, ByVal expected As Double, ByVal tol As Double, ByVal actual As Variant)
    Dim magnitude As Double, ok As Boolean
    magnitude = Abs(expected)
    If magnitude < 1 Then magnitude = 1
    If IsNumberValue(actual) Then ok = (Abs(CDbl(actual) - expected) <= tol * magnitude)
    If ok Then
        mPassed = mPassed + 1
    Else
        mFailed = mFailed + 1
        If IsError(actual) Then
            mReport = mReport & vbCrLf & key & ": " & ErrorText(actual) & " (" & mLastError & ")"
        Else
            mReport = mReport & vbCrLf & key & ": got " & CStr(actual) & ", expected " & CStr(expected)
        End If
    End If
End Sub

' Records a check that is true or false.
Private Sub ExpectTrue(ByVal key As String, ByVal condition As Boolean)
    If condition Then
        mPassed = mPassed + 1
    Else
        mFailed = mFailed + 1
        mReport = mReport & vbCrLf & key & ": failed (" & mLastError & ")"
    End If
End Sub

' Exercises every worksheet function against values computed by R, including blank and text
' cells (missing) and an error cell (#VALUE!), and reports "N passed, M failed" in a dialog and
' in the Immediate window (Ctrl+G). Doubles as a usage example of every function.
' Example: Alt+F8 > TTXL_SelfTest > Run
Public Sub TTXL_SelfTest()
    Dim x As Variant, y As Variant, summary As String
    mPassed = 0
    mFailed = 0
    mReport = ""
    If Not EnsureDll() Then
        ShowMessage mLastError, MB_OK Or MB_ICONEXCLAMATION
        Exit Sub
    End If
    ' The data of tests/reference/vba_selftest.R: Empty is a blank cell, "n/a" a text cell.
    x = Array(3.9, 4.4, 3.1, Empty, 4.8, 3.6, 4.15, "n/a", 3.35, 4.6)
    y = Array(3.4, 3.7, 3.2, 2.9, Empty, 3, 4.2, 3.5, 2.6, 3.8)

    SelfTestTTests x, y
    SelfTestRanksAdjustPowerShares x, y
    SelfTestFailures x, y
    SelfTestSharedWords

    summary = "TTXL_SelfTest: " & mPassed & " passed, " & mFailed & " failed"
    Debug.Print summary & mReport
    Debug.Print "DLL: " & mDllPath
    If mFailed = 0 Then
        ShowMessage summary & vbCrLf & "DLL: " & mDllPath, MB_OK Or MB_ICONINFORMATION
    Else
        ShowMessage summary & vbCrLf & mReport, MB_OK Or MB_ICONEXCLAMATION
    End If
End Sub

' The self-test's t-tests and effect sizes (x, y: the data of TTXL_SelfTest).
Private Sub SelfTestTTests(ByVal x As Variant, ByVal y As Variant)
    Dim row As Variant
    ' R: t.test(x, y); cohens_d(x, y, pooled_sd = FALSE); hedges_g(x, y, pooled_sd = FALSE)
    row = TTXL_WELCH(x, y)
    Expect "welch.statistic", 2.28782539261907, TOL_TEST, Pick(row, 1)
    Expect "welch.df", 13.6028302400553, TOL_TEST, Pick(row, 2)
    Expect "welch.p_value", 0.0387216943412226, TOL_TEST, Pick(row, 3)
    Expect "welch.estimate", 0.620833333333333, TOL_TEST, Pick(row, 4)
    Expect "welch.conf_low", 0.0372172321919773, TOL_TEST, Pick(row, 5)
    Expect "welch.conf_high", 1.20444943447469, TOL_TEST, Pick(row, 6)
    Expect "welch.cohen_d", 1.11811313370336, TOL_TEST, Pick(row, 7)
    Expect "welch.cohen_d_low", 0.0566172136494918, TOL_EFFECT, Pick(row, 8)
    Expect "welch.cohen_d_high", 2.14533367824071, TOL_EFFECT, Pick(row, 9)
    Expect "welch.hedges_g", 1.05511332320227, TOL_TEST, Pick(row, 10)
    row = TTXL_HEDGES_G(x, y, 3, True)
    Expect "welch.hedges_g", 1.05511332320227, TOL_TEST, Pick(row, 1)
    Expect "welch.hedges_g_low", 0.0534271306216648, TOL_EFFECT, Pick(row, 2)
    Expect "welch.hedges_g_high", 2.02445537789993, TOL_EFFECT, Pick(row, 3)
    row = TTXL_COHEN_D(x, y, 3, True)
    Expect "welch.cohen_d", 1.11811313370336, TOL_TEST, Pick(row, 1)
    Expect "welch.cohen_d_low", 0.0566172136494918, TOL_EFFECT, Pick(row, 2)
    Expect "welch.cohen_d_high", 2.14533367824071, TOL_EFFECT, Pick(row, 3)

    ' R: t.test(x, y, var.equal = TRUE); cohens_d(x, y); hedges_g(x, y)
    row = TTXL_STUDENT(x, y)
    Expect "student.statistic", 2.31633580712435, TOL_TEST, Pick(row, 1)
    Expect "student.df", 15, TOL_TEST, Pick(row, 2)
    Expect "student.p_value", 0.0350973687189431, TOL_TEST, Pick(row, 3)
    Expect "student.estimate", 0.620833333333333, TOL_TEST, Pick(row, 4)
    Expect "student.conf_low", 0.0495539350130647, TOL_TEST, Pick(row, 5)
    Expect "student.conf_high", 1.1921127316536, TOL_TEST, Pick(row, 6)
    Expect "student.cohen_d", 1.12553688863748, TOL_TEST, Pick(row, 7)
    Expect "student.cohen_d_low", 0.0770148827151332, TOL_EFFECT, Pick(row, 8)
    Expect "student.cohen_d_high", 2.14237180650866, TOL_EFFECT, Pick(row, 9)
    Expect "student.hedges_g", 1.06814304692596, TOL_TEST, Pick(row, 10)
    row = TTXL_HEDGES_G(x, y, 2, True)
    Expect "student.hedges_g", 1.06814304692596, TOL_TEST, Pick(row, 1)
    Expect "student.hedges_g_low", 0.0730877080195668, TOL_EFFECT, Pick(row, 2)
    Expect "student.hedges_g_high", 2.03312709885734, TOL_EFFECT, Pick(row, 3)
    row = TTXL_COHEN_D(x, y, 2, True)
    Expect "student.cohen_d", 1.12553688863748, TOL_TEST, Pick(row, 1)
    Expect "student.cohen_d_low", 0.0770148827151332, TOL_EFFECT, Pick(row, 2)
    Expect "student.cohen_d_high", 2.14237180650866, TOL_EFFECT, Pick(row, 3)

    ' R: t.test(x, y, paired = TRUE); cohens_d(x, y, paired = TRUE); hedges_g(x, y, paired = TRUE)
    row = TTXL_PAIRED(x, y)
    Expect "paired.statistic", 3.20937436618054, TOL_TEST, Pick(row, 1)
    Expect "paired.df", 6, TOL_TEST, Pick(row, 2)
    Expect "paired.p_value", 0.0183815135384746, TOL_TEST, Pick(row, 3)
    Expect "paired.estimate", 0.457142857142857, TOL_TEST, Pick(row, 4)
    Expect "paired.conf_low", 0.108605059060935, TOL_TEST, Pick(row, 5)
    Expect "paired.conf_high", 0.805680655224779, TOL_TEST, Pick(row, 6)
    Expect "paired.cohen_d", 1.21302949100275, TOL_TEST, Pick(row, 7)
    Expect "paired.cohen_d_low", 0.188380761815608, TOL_EFFECT, Pick(row, 8)
    Expect "paired.cohen_d_high", 2.18606303896903, TOL_EFFECT, Pick(row, 9)
    Expect "paired.hedges_g", 1.05366978900669, TOL_TEST, Pick(row, 10)
    row = TTXL_HEDGES_G(x, y, 1, True)
    Expect "paired.hedges_g", 1.05366978900669, TOL_TEST, Pick(row, 1)
    Expect "paired.hedges_g_low", 0.163632557186296, TOL_EFFECT, Pick(row, 2)
    Expect "paired.hedges_g_high", 1.8988726969216, TOL_EFFECT, Pick(row, 3)
    row = TTXL_COHEN_D(x, y, 1, True)
    Expect "paired.cohen_d", 1.21302949100275, TOL_TEST, Pick(row, 1)
    Expect "paired.cohen_d_low", 0.188380761815608, TOL_EFFECT, Pick(row, 2)
    Expect "paired.cohen_d_high", 2.18606303896903, TOL_EFFECT, Pick(row, 3)

    ' R: t.test(x, mu = 3.5); cohens_d(x, mu = 3.5); hedges_g(x, mu = 3.5)
    row = TTXL_ONE_SAMPLE(x, 3.5)
    Expect "one_sample.statistic", 2.26956898908723, TOL_TEST, Pick(row, 1)
    Expect "one_sample.df", 7, TOL_TEST, Pick(row, 2)
    Expect "one_sample.p_value", 0.0575140330092742, TOL_TEST, Pick(row, 3)
    Expect "one_sample.estimate", 3.9875, TOL_TEST, Pick(row, 4)
    Expect "one_sample.conf_low", 3.4795822728041, TOL_TEST, Pick(row, 5)
    Expect "one_sample.conf_high", 4.4954177271959, TOL_TEST, Pick(row, 6)
    Expect "one_sample.cohen_d", 0.802413811277137, TOL_TEST, Pick(row, 7)
    Expect "one_sample.cohen_d_low", -0.0242947508067272, TOL_EFFECT, Pick(row, 8)
    Expect "one_sample.cohen_d_high", 1.58822219413867, TOL_EFFECT, Pick(row, 9)
    Expect "one_sample.hedges_g", 0.712706280333128, TOL_TEST, Pick(row, 10)
    row = TTXL_HEDGES_G(x, , , True, 3.5)
    Expect "one_sample.hedges_g", 0.712706280333128, TOL_TEST, Pick(row, 1)
    Expect "one_sample.hedges_g_low", -0.02157866830772, TOL_EFFECT, Pick(row, 2)
    Expect "one_sample.hedges_g_high", 1.41066357086436, TOL_EFFECT, Pick(row, 3)
    row = TTXL_COHEN_D(x, , , True, 3.5)
    Expect "one_sample.cohen_d", 0.802413811277137, TOL_TEST, Pick(row, 1)
    Expect "one_sample.cohen_d_low", -0.0242947508067272, TOL_EFFECT, Pick(row, 2)
    Expect "one_sample.cohen_d_high", 1.58822219413867, TOL_EFFECT, Pick(row, 3)

    ' Excel's T.TEST arguments. R: t.test(x, y, alternative = "greater")$p.value (one-tailed, in
    ' the direction of the observed difference) and t.test(x, y, paired = TRUE)$p.value
    Expect "ttest.welch_one_tailed", 0.0193608471706113, TOL_TEST, TTXL_TTEST(x, y, 1, 3)
    Expect "ttest.paired_two_tailed", 0.0183815135384746, TOL_TEST, TTXL_TTEST(x, y, 2, 1)
    Expect "welch.p_value", 0.0387216943412226, TOL_TEST, TTXL_TTEST(x, y, 2, 3)
    Expect "student.p_value", 0.0350973687189431, TOL_TEST, TTXL_TTEST(x, y, 2, 2)
End Sub

' The self-test's rank tests, p-value adjustment, power and shares of positive answers.
Private Sub SelfTestRanksAdjustPowerShares(ByVal x As Variant, ByVal y As Variant)
    Dim row As Variant, adjusted As Variant
    ' R: wilcox.test(x, y); rank_biserial(x, y)
    row = TTXL_MANN_WHITNEY(x, y)
    Expect "mann_whitney.statistic", 56, TOL_TEST, Pick(row, 1)
    Expect "mann_whitney.p_value", 0.0592348827642945, TOL_TEST, Pick(row, 2)
    Expect "mann_whitney.rank_biserial", 0.555555555555556, TOL_TEST, Pick(row, 3)
    ' R: wilcox.test(x, y, paired = TRUE); rank_biserial(x, y, paired = TRUE)
    row = TTXL_WILCOXON(x, y)
    Expect "wilcoxon.statistic", 25, TOL_TEST, Pick(row, 1)
    Expect "wilcoxon.p_value", 0.078125, TOL_TEST, Pick(row, 2)
    Expect "wilcoxon.rank_biserial", 0.785714285714286, TOL_TEST, Pick(row, 3)

    ' R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm") and "BH"; the blank stays blank.
    adjusted = TTXL_P_ADJUST(Array(0.01, 0.04, 0.03, Empty, 0.2), "holm")
    Expect "p_adjust.holm.1", 0.04, TOL_TEST, adjusted(0)
    Expect "p_adjust.holm.2", 0.09, TOL_TEST, adjusted(1)
    Expect "p_adjust.holm.3", 0.09, TOL_TEST, adjusted(2)
    ExpectTrue "p_adjust.holm blank stays blank", (VarType(adjusted(3)) = vbString)
    Expect "p_adjust.holm.4", 0.2, TOL_TEST, adjusted(4)
    adjusted = TTXL_P_ADJUST(Array(0.01, 0.04, 0.03, Empty, 0.2), "BH")
    Expect "p_adjust.BH.1", 0.04, TOL_TEST, adjusted(0)
    Expect "p_adjust.BH.2", 0.0533333333333333, TOL_TEST, adjusted(1)
    Expect "p_adjust.BH.3", 0.0533333333333333, TOL_TEST, adjusted(2)
    Expect "p_adjust.BH.4", 0.2, TOL_TEST, adjusted(4)

    ' R: pwr.t.test(d = 0.5, power = 0.8, sig.level = 0.05, type = "two.sample" / "paired")$n, solved
    ' to full precision (tests/reference/vba_selftest.R)
    Expect "power_n.two_sample", 63.7656101909417, TOL_TEST, TTXL_POWER_N(0.5)
    Expect "power_n.paired", 33.3671289533193, TOL_TEST, TTXL_POWER_N(0.5, 0.8, 0.05, "paired")

    ' Shares of positive answers. R: prop.test(c(31, 37), c(50, 54), correct = FALSE) and Newcombe's
    ' hybrid score interval; binom.test(9, 12) and Newcombe's paired interval for the counts 20, 3,
    ' 9, 8 (tests/reference/vba_selftest.R)
    row = TTXL_PROP_2INDEP(31, 50, 37, 54)
    Expect "prop_2indep.estimate", 0.0651851851851852, TOL_TEST, Pick(row, 1)
    Expect "prop_2indep.conf_low", -0.114590106512018, TOL_TEST, Pick(row, 2)
    Expect "prop_2indep.conf_high", 0.240826200553952, TOL_TEST, Pick(row, 3)
    Expect "prop_2indep.p_value", 0.485090421979047, TOL_TEST, Pick(row, 4)
    Expect "prop_2indep.statistic", 0.487397724521908, TOL_TEST, Pick(row, 5)
    row = TTXL_PROP_PAIRED(20, 3, 9, 8)
    Expect "prop_paired.estimate", 0.15, TOL_TEST, Pick(row, 1)
    Expect "prop_paired.conf_low", -0.0213494712031096, TOL_TEST, Pick(row, 2)
    Expect "prop_paired.conf_high", 0.308885542887575, TOL_TEST, Pick(row, 3)
    Expect "prop_paired.p_value", 0.14599609375, TOL_TEST, Pick(row, 4)
    ExpectTrue "TTXL_PROP_PAIRED statistic is first_only", (Pick(row, 5) = 3)
    ' Nobody positive in either group: the interval exists, the chi-square p does not (R: NA).
    row = TTXL_PROP_2INDEP(0, 10, 0, 12)
    ExpectTrue "0 of 10 and 0 of 12: p is #N/A", IsError(Pick(row, 4))
    ExpectTrue "0 of 10 and 0 of 12: CI is a number", (VarType(Pick(row, 3)) = vbDouble)
    row = TTXL_PROP_2INDEP(6, 5, 1, 2)
    ExpectTrue "more positive than respondents is an error", IsError(row)
End Sub

' The self-test's failures (Excel error values and messages), labels and version.
Private Sub SelfTestFailures(ByVal x As Variant, ByVal y As Variant)
    Dim row As Variant, labels As Variant
    ' Failures give Excel error values and a message.
    row = TTXL_WELCH(Array(1, CVErr(xlErrDiv0), 3), y)
    ExpectTrue "error cell gives #VALUE!", IsError(row)
    If IsError(row) Then ExpectTrue "error cell gives #VALUE!", (ErrorText(row) = "#VALUE!")
    ExpectTrue "error cell explained", (InStr(TTXL_LAST_ERROR(), "#DIV/0!") > 0)
    row = TTXL_STUDENT(Array(2, 2, 2), Array(2, 2, 2))
    ExpectTrue "zero variance gives #NUM!", IsError(row)
    If IsError(row) Then ExpectTrue "zero variance gives #NUM!", (ErrorText(row) = "#NUM!")
    ExpectTrue "zero variance explained", (Len(TTXL_LAST_ERROR()) > Len("TTXL_STUDENT: "))
    row = TTXL_PAIRED(Array(1, 2, 3), Array(1, 2))
    ExpectTrue "paired sizes differ gives #N/A", IsError(row)
    row = TTXL_TTEST(x, y, 3, 1)
    ExpectTrue "tails = 3 gives #NUM!", IsError(row)
    If IsError(row) Then ExpectTrue "tails = 3 gives #NUM!", (ErrorText(row) = "#NUM!")
    ' T.TEST reads tails/type as TRUE = 1 and "2" = 2, a blank as 0 (#NUM!), and passes an error on.
    ExpectTrue "TTXL_TTEST(TRUE, ""3"") = TTXL_TTEST(1, 3)", (TTXL_TTEST(x, y, True, "3") = TTXL_TTEST(x, y, 1, 3))
    row = TTXL_TTEST(x, y, Empty, 3)
    ExpectTrue "blank tails gives #NUM!", (ErrorText(row) = "#NUM!")
    row = TTXL_TTEST(x, y, CVErr(xlErrNA), 3)
    ExpectTrue "#N/A tails gives #N/A", (ErrorText(row) = "#N/A")
    row = TTXL_TTEST(Array(2, 2, 2), Array(2, 2, 2), 2, 2)
    ExpectTrue "zero variance in TTXL_TTEST gives #DIV/0!", (ErrorText(row) = "#DIV/0!")
    ' Keywords typed in full-width letters with a Japanese IME.
    ExpectTrue "full-width ""greater"" = ""greater""", _
            (Pick(TTXL_WELCH(x, y, U("\uFF47\uFF52\uFF45\uFF41\uFF54\uFF45\uFF52")), 3) = Pick(TTXL_WELCH(x, y, "greater"), 3))
    ExpectTrue "full-width BH = BH", _
            (TTXL_P_ADJUST(Array(0.01, 0.04), U("\uFF22\uFF28"))(1) = TTXL_P_ADJUST(Array(0.01, 0.04), "BH")(1))

    ' Labels and version.
    labels = TTXL_LABELS("paired")
    ExpectTrue "TTXL_LABELS has 10 columns", (UBound(labels, 2) = 10)
    ExpectTrue "TTXL_VERSION is text", (VarType(TTXL_VERSION()) = vbString)
    If VarType(TTXL_VERSION()) = vbString Then ExpectTrue "TTXL_VERSION is not empty", (Len(TTXL_VERSION()) > 0)
End Sub

' The self-test's shared words: labels, decision and sentences written by the DLL.
Private Sub SelfTestSharedWords()
    Dim sentenceResult As TtxlTTest
    ' The shared words come from the DLL (src/messages.rs), as in the command-line tool's workbook.
    ExpectTrue "EffectLabel(0.5) is medium", (EffectLabel(0.5) = L("medium", U("\u4E2D\u7A0B\u5EA6")))
    ExpectTrue "Holm-adjusted p .049 is significant, .05 and NaN are not", _
            (IsSignificant(0.049) And Not IsSignificant(0.05) And Not IsSignificant(NotANumber()))
    sentenceResult.statistic = 2.95: sentenceResult.df = 98: sentenceResult.p_value = 0.004
    sentenceResult.estimate = 0.35: sentenceResult.n_x = 50: sentenceResult.n_y = 50
    sentenceResult.mean_x = 3.56: sentenceResult.sd_x = 0.8: sentenceResult.mean_y = 3.21: sentenceResult.sd_y = 0.85
    sentenceResult.cohen_d = 0.42: sentenceResult.cohen_d_low = 0.14: sentenceResult.cohen_d_high = 0.7
    ExpectTrue "ResultSentence is the command-line tool's sentence", _
            (ResultSentence("Q1", sentenceResult, 0.012, L("before", U("\u4E8B\u524D")), L("after", U("\u4E8B\u5F8C"))) = _
            L("Q1: after (M = 3.56, SD = 0.80) was significantly higher than before (M = 3.21, SD = 0.85), t(98) = 2.95, p = .004, adjusted p = .012, d = 0.42, 95% CI [0.14, 0.70].", _
            U("Q1: \u300C\u4E8B\u5F8C\u300D\uFF08M = 3.56, SD = 0.80\uFF09\u306F\u300C\u4E8B\u524D\u300D\uFF08M = 3.21, SD = 0.85\uFF09\u3088\u308A\u6709\u610F\u306B\u9AD8\u304B\u3063\u305F\uFF08t(98) = 2.95, p = .004, \u88DC\u6B63\u5F8C p = .012, d = 0.42\uFF3B0.14, 0.70\uFF3D\uFF09\u3002")))

    ExpectTrue "ConclusionSentence is the command-line tool's conclusion", _
            (ConclusionSentence(True, 15, 2, 1, 1, L("before", U("\u4E8B\u524D")), L("after", U("\u4E8B\u5F8C")), "n = 1" & vbLf) = _
            L("Of 15 item(s) tested (paired t-test, Holm correction across 15 item(s), " & ChrW$(&H3B1) & " = .05), 3 differed significantly between before and after: 2 higher and 1 lower in after. 1 item(s) could not be tested (see the Note column).", _
            U("15 \u554F\u306B\u3064\u3044\u3066\u3001\u5BFE\u5FDC\u306E\u3042\u308B t \u691C\u5B9A\u3092\u884C\u3063\u305F\uFF08\u6709\u610F\u6C34\u6E96 .05\u3001Holm \u6CD5\u306B\u3088\u308B\u88DC\u6B63\uFF09\u3002\u300C\u4E8B\u524D\u300D\u3068\u300C\u4E8B\u5F8C\u300D\u306E\u9593\u306B\u6709\u610F\u306A\u5DEE\u304C\u3042\u3063\u305F\u306E\u306F 3 \u554F\u3067\u3042\u3063\u305F\uFF08\u300C\u4E8B\u5F8C\u300D\u306E\u307B\u3046\u304C\u9AD8\u3044: 2 \u554F\u3001\u4F4E\u3044: 1 \u554F\uFF09\u30021 \u554F\u306F\u691C\u5B9A\u3067\u304D\u306A\u304B\u3063\u305F\uFF08\u5099\u8003\u306E\u5217\u3092\u53C2\u7167\uFF09\u3002")))
    ExpectTrue "ConclusionSentence without a tested item says why", _
            (ConclusionSentence(False, 0, 0, 0, 2, "a", "b", "n = 1" & vbLf & "n = 1" & vbLf) = _
            L("No item could be tested (2 item(s)): n = 1 (see the Note column).", U("\u691C\u5B9A\u3067\u304D\u305F\u8A2D\u554F\u306F\u3042\u308A\u307E\u305B\u3093\u3067\u3057\u305F\uFF082 \u554F\u3002\u7406\u7531: n = 1\u3002\u5099\u8003\u306E\u5217\u3092\u53C2\u7167\uFF09\u3002")))
    ExpectTrue "NotTestedSentence is the command-line tool's sentence", _
            (NotTestedSentence("Q2", "n = 1") = L("Q2: not tested " & ChrW$(&H2014) & " n = 1.", U("Q2: \u691C\u5B9A\u3067\u304D\u306A\u304B\u3063\u305F\u3002\u7406\u7531: n = 1\u3002")))
End Sub

' ==== Equivalence tests (TOST) and Bayes factors (issue 15) ==================================
' Worksheet functions over ttxl_tost_* and ttxl_bayes_factor_t (their Declares and the Type
' TtxlTost are in section (2), where VBA requires declarations).

' The one-row result of TTXL_TOST / TTXL_TOST_ONE_SAMPLE.
Private Function TostRow(ByRef r As TtxlTost) As Variant
    Dim outRow(1 To 1, 1 To 9) As Variant
    outRow(1, 1) = CellNumber(r.p_value)
    outRow(1, 2) = CellNumber(r.p_lower)
    outRow(1, 3) = CellNumber(r.p_upper)
    outRow(1, 4) = CellNumber(r.statistic_lower)
    outRow(1, 5) = CellNumber(r.statistic_upper)
    outRow(1, 6) = CellNumber(r.df)
    outRow(1, 7) = CellNumber(r.estimate)
    outRow(1, 8) = CellNumber(r.conf_low)
    outRow(1, 9) = CellNumber(r.conf_high)
    TostRow = outRow
End Function

' A number argument that must be given (an equivalence bound, t, n1).
Private Function RequiredNumber(ByVal arg As Variant, ByVal argName As String, ByVal functionName As String, _
        ByRef number As Double) As Long
    If IsEmpty(ArgValue(arg)) Then
        RequiredNumber = Fail(xlErrValue, functionName, argName & L(" is required.", U(" \u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    Else
        RequiredNumber = NumberArg(arg, 0, argName, functionName, number)
    End If
End Function

' test of TTXL_TOST: "welch" (default), "student", "paired", or T.TEST's type numbers 3, 2, 1.
Private Function TostKindArg(ByVal arg As Variant, ByVal functionName As String, ByRef kind As Long) As Long
    Dim value As Variant
    value = ArgValue(arg)
    kind = -1
    If IsEmpty(value) Then
        kind = KIND_WELCH
    ElseIf IsNumberValue(value) Then
        If value = 3 Then kind = KIND_WELCH
        If value = 2 Then kind = KIND_STUDENT
        If value = 1 Then kind = KIND_PAIRED
    ElseIf VarType(value) = vbString Then
        Select Case Keyword(value)
        Case "welch"
            kind = KIND_WELCH
        Case "student"
            kind = KIND_STUDENT
        Case "paired"
            kind = KIND_PAIRED
        End Select
    End If
    If kind < 0 Then
        TostKindArg = Fail(xlErrValue, functionName, L("test must be ""welch"", ""student"" or ""paired"" (or T.TEST's type 3, 2, 1).", _
                U("test \u306B\u306F ""welch""\uFF08\u4E0D\u7B49\u5206\u6563\uFF09\u3001""student""\uFF08\u7B49\u5206\u6563\uFF09\u3001""paired""\uFF08\u5BFE\u5FDC\u3042\u308A\uFF09\u306E\u3044\u305A\u308C\u304B\uFF08\u307E\u305F\u306F T.TEST \u306E type \u3068\u540C\u3058 3\u30012\u30011\uFF09\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
    End If
End Function

' Equivalence test (TOST, Schuirmann 1987): is the difference mean(array1) - mean(array2)
' (paired: mean(array1 - array2)) shown to lie between low and high? Two one-sided t-tests;
' equivalence is shown at level alpha when p < alpha, i.e. when the conf_level = 1 - 2 alpha
' interval (default 0.90, for alpha = 0.05) lies inside (low, high). low and high are in the
' data's units (points of the scale). test: "welch" (default), "student" or "paired".
' Returns one row: p, p (lower bound), p (upper bound), t (lower), t (upper), df, difference,
' CI low, CI high. statsmodels: ttost_ind(x, y, low, high) / ttost_paired(x, y, low, high).
' Example: =TTXL_TOST(C2:C51, B2:B51, -0.3, 0.3, "paired")   (did the score stay within 0.3 points?)
Public Function TTXL_TOST(ByVal array1 As Variant, ByVal array2 As Variant, ByVal low As Variant, _
        ByVal high As Variant, Optional ByVal test As Variant, Optional ByVal conf_level As Variant) As Variant
    Const FN As String = "TTXL_TOST"
    Dim r As TtxlTost, x() As Double, y() As Double, nx As Long, ny As Long, code As Long, status As Long
    Dim kind As Long, lowBound As Double, highBound As Double, confLevel As Double
    code = TostKindArg(test, FN, kind)
    If code = 0 Then code = RequiredNumber(low, "low", FN, lowBound)
    If code = 0 Then code = RequiredNumber(high, "high", FN, highBound)
    If code = 0 Then code = NumberArg(conf_level, 0.9, "conf_level", FN, confLevel)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = ReadValues(array1, "array1", FN, x, nx)
    If code = 0 Then code = ReadValues(array2, "array2", FN, y, ny)
    If code = 0 Then
        Select Case kind
        Case KIND_WELCH
            status = c_ttxl_tost_welch(x(0), nx, y(0), ny, lowBound, highBound, confLevel, r)
        Case KIND_STUDENT
            status = c_ttxl_tost_student(x(0), nx, y(0), ny, lowBound, highBound, confLevel, r)
        Case Else
            If nx <> ny Then
                code = Fail(xlErrNA, FN, L("paired data need two ranges of the same size: array1 has " _
                        & nx & " cells, array2 has " & ny & ".", U("\u5BFE\u5FDC\u306E\u3042\u308B\u30C7\u30FC\u30BF\u306B\u306F\u540C\u3058\u5927\u304D\u3055\u306E 2 \u3064\u306E\u7BC4\u56F2\u304C\u5FC5\u8981\u3067\u3059\uFF08array1 \u306F ") _
                        & nx & U(" \u30BB\u30EB\u3001array2 \u306F ") & ny & U(" \u30BB\u30EB\uFF09\u3002")))
            Else
                status = c_ttxl_tost_paired(x(0), y(0), nx, lowBound, highBound, confLevel, r)
            End If
        End Select
        If code = 0 Then code = CheckStatus(status, FN)
    End If
    If code <> 0 Then
        TTXL_TOST = CVErr(code)
    Else
        TTXL_TOST = TostRow(r)
    End If
End Function

' Equivalence test for one sample: is mean(array1) shown to lie between low and high (two
' one-sided t-tests; conf_level default 0.90)? Same row as TTXL_TOST, the "difference" column
' being the mean. statsmodels: DescrStatsW(x).ttost_mean(low, high).
' Example: =TTXL_TOST_ONE_SAMPLE(B2:B51, 2.5, 3.5)   (is the mean score within 0.5 of the midpoint 3?)
Public Function TTXL_TOST_ONE_SAMPLE(ByVal array1 As Variant, ByVal low As Variant, ByVal high As Variant, _
        Optional ByVal conf_level As Variant) As Variant
    Const FN As String = "TTXL_TOST_ONE_SAMPLE"
    Dim r As TtxlTost, x() As Double, nx As Long, code As Long
    Dim lowBound As Double, highBound As Double, confLevel As Double
    code = RequiredNumber(low, "low", FN, lowBound)
    If code = 0 Then code = RequiredNumber(high, "high", FN, highBound)
    If code = 0 Then code = NumberArg(conf_level, 0.9, "conf_level", FN, confLevel)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = ReadValues(array1, "array1", FN, x, nx)
    If code = 0 Then code = CheckStatus(c_ttxl_tost_one_sample(x(0), nx, lowBound, highBound, confLevel, r), FN)
    If code <> 0 Then
        TTXL_TOST_ONE_SAMPLE = CVErr(code)
    Else
        TTXL_TOST_ONE_SAMPLE = TostRow(r)
    End If
End Function

' A sample size argument: a whole number from 0 to 2147483647.
Private Function CountArg(ByVal arg As Variant, ByVal argName As String, ByVal functionName As String, _
        ByRef count As Long) As Long
    Dim number As Double, code As Long
    code = NumberArg(arg, 0, argName, functionName, number)
    If code = 0 Then
        If number < 0 Or number > 2147483647# Or number <> Fix(number) Then
            code = Fail(xlErrNum, functionName, argName & L(" must be a whole number of observations (0 or more).", _
                    U(" \u306B\u306F 0 \u4EE5\u4E0A\u306E\u6574\u6570\uFF08\u30C7\u30FC\u30BF\u306E\u4EF6\u6570\uFF09\u3092\u6307\u5B9A\u3057\u3066\u304F\u3060\u3055\u3044\u3002")))
        Else
            count = CLng(number)
        End If
    End If
    CountArg = code
End Function

' JZS Bayes factor BF10 of a t-test (Rouder et al. 2009; R: BayesFactor::ttest.tstat): how many
' times more likely the data are if there is an effect than if there is none (1/BF10 is the
' evidence for no effect). t: the t statistic; n1: the number of values (one sample) or pairs
' (paired); for two independent groups give both sizes n1 and n2 and Student's t (TTXL_STUDENT).
' rscale: scale of the Cauchy prior on the standardized effect, default SQRT(2)/2 ("medium").
' Example: =TTXL_BAYES_FACTOR(INDEX(TTXL_PAIRED(C2:C51, B2:B51), 1), 50)   (paired, 50 pairs)
Public Function TTXL_BAYES_FACTOR(ByVal t As Variant, ByVal n1 As Variant, Optional ByVal n2 As Variant, _
        Optional ByVal rscale As Variant) As Variant
    Const FN As String = "TTXL_BAYES_FACTOR"
    Dim tValue As Double, given As Double, nx As Long, ny As Long, scaleValue As Double, code As Long
    Dim design As Long, bf As Double
    code = RequiredNumber(t, "t", FN, tValue)
    If code = 0 Then code = RequiredNumber(n1, "n1", FN, given)     ' n1 must be given ...
    If code = 0 Then code = CountArg(n1, "n1", FN, nx)             ' ... as a whole number
    If code = 0 Then code = CountArg(n2, "n2", FN, ny)
    If code = 0 Then code = NumberArg(rscale, Sqr(2#) / 2#, "rscale", FN, scaleValue)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then
        If ny = 0 Then design = TTXL_DESIGN_ONE_SAMPLE Else design = TTXL_DESIGN_TWO_SAMPLE
        code = CheckStatus(c_ttxl_bayes_factor_t(design, tValue, nx, ny, scaleValue, bf), FN)
    End If
    If code <> 0 Then
        TTXL_BAYES_FACTOR = CVErr(code)
    Else
        TTXL_BAYES_FACTOR = CellNumber(bf)
    End If
End Function

' ==== Shares of positive answers (issue 14) ==================================================
' Worksheet functions over ttxl_prop_test_2indep and ttxl_prop_test_paired (their Declares and
' the Type TtxlProportions are in section (2)).

' The one-row result of TTXL_PROP_2INDEP / TTXL_PROP_PAIRED.
Private Function ShareRow(ByRef r As TtxlProportions) As Variant
    Dim outRow(1 To 1, 1 To 9) As Variant
    outRow(1, 1) = CellNumber(r.estimate)
    outRow(1, 2) = CellNumber(r.conf_low)
    outRow(1, 3) = CellNumber(r.conf_high)
    outRow(1, 4) = CellNumber(r.p_value)
    outRow(1, 5) = CellNumber(r.statistic)
    outRow(1, 6) = CellNumber(r.p_first)
    outRow(1, 7) = CellNumber(r.p_second)
    outRow(1, 8) = CellNumber(r.n_first)
    outRow(1, 9) = CellNumber(r.n_second)
    ShareRow = outRow
End Function

' Change in the share of positive answers between two independent groups (e.g. this year's and
' last year's anonymous survey): x_second/n_second - x_first/n_first with Newcombe's hybrid
' score 95% CI and the p of Pearson's chi-square test without continuity correction (R:
' prop.test(c(x_first, x_second), c(n_first, n_second), correct = FALSE)). Returns one row:
' difference, CI low, CI high, p, chi-square, share first, share second, n first, n second.
' p is #N/A when nobody, or everybody, in both groups answered positively (R: NA).
' Example (answers 4 or 5 count as positive):
'   =TTXL_PROP_2INDEP(COUNTIF(B2:B51, ">=4"), COUNT(B2:B51), COUNTIF(C2:C61, ">=4"), COUNT(C2:C61))
Public Function TTXL_PROP_2INDEP(ByVal x_first As Variant, ByVal n_first As Variant, ByVal x_second As Variant, _
        ByVal n_second As Variant, Optional ByVal conf_level As Variant) As Variant
    Const FN As String = "TTXL_PROP_2INDEP"
    Dim r As TtxlProportions, x1 As Long, n1 As Long, x2 As Long, n2 As Long, code As Long, confLevel As Double
    code = CountArg(x_first, "x_first", FN, x1)
    If code = 0 Then code = CountArg(n_first, "n_first", FN, n1)
    If code = 0 Then code = CountArg(x_second, "x_second", FN, x2)
    If code = 0 Then code = CountArg(n_second, "n_second", FN, n2)
    If code = 0 Then code = NumberArg(conf_level, 0.95, "conf_level", FN, confLevel)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = CheckStatus(c_ttxl_prop_test_2indep(x1, n1, x2, n2, confLevel, r), FN)
    If code <> 0 Then
        TTXL_PROP_2INDEP = CVErr(code)
    Else
        TTXL_PROP_2INDEP = ShareRow(r)
    End If
End Function

' Change in the share of positive answers of the same staff (matched by ID), from the four counts
' of the paired table: both times positive, only the first time, only the second time, neither.
' (second_only - first_only) / n with Newcombe's paired score 95% CI and the exact McNemar p (R:
' binom.test(second_only, first_only + second_only); 1 when nobody changed). Same row as
' TTXL_PROP_2INDEP, the statistic column being first_only.
' Example: =TTXL_PROP_PAIRED(20, 3, 9, 8)   (40 staff: 20 positive both times, 3 only before, 9 only after)
Public Function TTXL_PROP_PAIRED(ByVal both As Variant, ByVal first_only As Variant, ByVal second_only As Variant, _
        ByVal neither As Variant, Optional ByVal conf_level As Variant) As Variant
    Const FN As String = "TTXL_PROP_PAIRED"
    Dim r As TtxlProportions, a As Long, b As Long, c As Long, d As Long, code As Long, confLevel As Double
    code = CountArg(both, "both", FN, a)
    If code = 0 Then code = CountArg(first_only, "first_only", FN, b)
    If code = 0 Then code = CountArg(second_only, "second_only", FN, c)
    If code = 0 Then code = CountArg(neither, "neither", FN, d)
    If code = 0 Then code = NumberArg(conf_level, 0.95, "conf_level", FN, confLevel)
    If code = 0 Then
        If Not EnsureDll() Then code = xlErrNA
    End If
    If code = 0 Then code = CheckStatus(c_ttxl_prop_test_paired(a, b, c, d, confLevel, r), FN)
    If code <> 0 Then
        TTXL_PROP_PAIRED = CVErr(code)
    Else
        TTXL_PROP_PAIRED = ShareRow(r)
    End If
End Function
