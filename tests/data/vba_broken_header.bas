Attribute VB_Name = "BrokenHeader"
' EXPECT: has no header comment
Option Explicit

Public Function NO_DOC(ByVal x As Double) As Double
    NO_DOC = x
End Function
