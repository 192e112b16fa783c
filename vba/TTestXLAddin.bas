Attribute VB_Name = "TTestXLAddin"
' TTestXLAddin - the add-in's own code in TTestXL.xlam: the ribbon buttons of the "ttest-xl" tab and
' what happens when the add-in opens. scripts/build-xlam.py builds the add-in from this module,
' vba/TTestXL.bas and a ThisWorkbook module whose Workbook_Open calls TTXL_AddinOpen. Not needed
' when TTestXL.bas is imported into a workbook by hand (the macros are then run from Alt+F8).
'
' ASCII-only, as TTestXL.bas (see its header): the add-in's texts are in TTestXL.bas and in the
' ribbon (customUI/customUI14.xml inside the .xlam).
Option Explicit

' Called by ThisWorkbook's Workbook_Open when Excel opens the add-in: registers the descriptions
' of the TTXL_ worksheet functions for the Insert Function dialog (TTestXL.bas,
' TTXL_RegisterFunctionHelp). Called by name through Application.Run, so the add-in still builds
' and opens with a TTestXL.bas that lacks it; a failure there never stops the add-in from opening
' (the functions work without their help texts).
' Example (the ThisWorkbook module of the add-in):
'   Private Sub Workbook_Open()
'       TTXL_AddinOpen Me
'   End Sub
Public Sub TTXL_AddinOpen(ByVal book As Object)
    On Error GoTo NoHelp
    Application.Run "'" & book.Name & "'!TTXL_RegisterFunctionHelp"
    Exit Sub
NoHelp:
    Debug.Print "ttest-xl: function help not registered: " & Err.Number & " " & Err.Description
End Sub

' Ribbon button "Analyze selection" on the ttest-xl tab (customUI14.xml onAction): the analysis
' macro TTXL_AnalyzeSelection of TTestXL.bas, on the cells selected on the active sheet.
' Example: select the before/after table, then ttest-xl tab > Analyze selection.
Public Sub TTXL_RibbonAnalyze(control As Object)
    TTXL_AnalyzeSelection
End Sub

' Ribbon button "Self-test" on the ttest-xl tab: TTXL_SelfTest of TTestXL.bas (checks every
' function against R's values and reports "N passed, M failed").
' Example: ttest-xl tab > Self-test.
Public Sub TTXL_RibbonSelfTest(control As Object)
    TTXL_SelfTest
End Sub
