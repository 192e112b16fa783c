Attribute VB_Name = "ExcelGlobal"
' Defect 2 of issue 17 in small: the local is outRow, the function returns Excel's global Cells.
Option Explicit

Private Function TTestRow(ByVal x As Double) As Variant
    Dim outRow(1 To 1, 1 To 2) As Variant
    outRow(1, 1) = x
    TTestRow = cells
End Function

Private Function FirstValue() As Variant
    FirstValue = Range("A1").Value2 + ActiveSheet.Rows.Count
End Function

Private Function Allowed() As Variant
    Allowed = ThisWorkbook.Path & Application.Name & ws.Cells(1, 1).Value2
End Function
