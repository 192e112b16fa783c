Attribute VB_Name = "Undeclared"
' A misspelt name that is no VBA/Excel global: Option Explicit would not compile the module.
Option Explicit

Private Function Twice(ByVal value As Double) As Double
    Dim result As Double
    reslt = value * 2
    Twice = result + xlErrNA + vbCrLf + Len(CStr(value))
End Function
