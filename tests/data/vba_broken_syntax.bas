Attribute VB_Name = "BrokenSyntax"
' EXPECT: mismatched input 'Function' expecting 'IF'
Option Explicit

' A function whose If block is never closed.
' Example: =BROKEN(1)
Public Function BROKEN(ByVal x As Double) As Variant
    If x > 1 Then
        BROKEN = x
End Function
