Attribute VB_Name = "HiddenProcedure"
' Defect 1 of issue 17 in small: the parameter alternativeArg hides the function AlternativeArg.
Option Explicit

Private Function AlternativeArg(ByVal arg As Variant) As Long
    AlternativeArg = 0
End Function

Private Function TestOptions(ByVal alternativeArg As Variant) As Long
    TestOptions = AlternativeArg(alternativeArg)
End Function

Private Function Other(ByVal n As Long) As Long
    Dim testOptions As Long
    testOptions = n
    Other = testOptions
End Function
