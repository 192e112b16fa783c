Attribute VB_Name = "BrokenResume"
' EXPECT: On Error Resume Next hides failures
Option Explicit

' Swallows every error.
' Example: =QUIET(1)
Public Function QUIET(ByVal x As Variant) As Variant
    On Error Resume Next
    QUIET = 1 / x
End Function
