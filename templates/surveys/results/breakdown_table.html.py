BBBB BBBBBBBB BBBB
XXXXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX
    XXXXXXXXX
         gettext(u'Svar på fråga %(number)s per grupp') 
            SSSS SS SSSSS SSSSSSSSSS SSS SSSSS
        
    XXXXXXXXXX
    XXXXXXX
        XXXX
            XXX XXXXXXXXXXXX
                BB BBBBBBBBBBBBBBB
                     gettext(u'Värde på skalan') 
                BBBB
                     gettext(u'Svarsalternativ') 
                BBBBB
            XXXXX
            BBB BBBBB BB BBBBBBBBBBBBBBBB
                XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX
                    
                    XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX
                        BB BBBBBBBBBBBBBBBB
                             gettext(u'(för få svar)') 
                        BBBB
                             ngettext(u'(%(number)s svar)', u'(%(number)s svar)', count) 
                                SSSSSSSSSSS SSSSS
                            
                                PPPPPPPPPPP PPPPP
                            
                        BBBBB
                    XXXXXXX
                XXXXX
            BBBBBB
            XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Alla svar') XXXXX
        XXXXX
    XXXXXXXX
    XXXXXXX
        BBB BBB BB BBBBBBBBBBB
            XXXX
                XXX XXXXXXXXXXXXXXXXX
                BBB BBBB BB BBBBBBBBB
                    BB BBBB
                        XXX XXXXXXXXXXXXXXXX
                            FFFFFFFFFFF XXXXX XXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFXXXXXXXX
                        XXXXX
                    BBBB
                        XXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'för få svar') XXXXX
                    BBBBB
                BBBBBB
                XXX XXXXXXXXXXXXXXXX
                    FFFFFFFFFFF XXXXX XXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFXXXXXXXX
                XXXXX
            XXXXX
        BBBBBB
    XXXXXXXX
    XXXXXXX
        XXXX
            XXX XXXXXXXXXXXX gettext(u'Besvarad av') XXXXX
            BBB BBBBBBB BB BBBBBBBBBBBBB
                BB BBBBBBB
                    XXX XXXXXXXXXXXXXXXX
                        FFFFFFFFFFF XXXXX XXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFXXXXXXXX
                    XXXXX
                BBBB
                    XXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'för få svar') XXXXX
                BBBBB
            BBBBBB
            XXX XXXXXXXXXXXXXXXX
                FFFFFFFFFFF XXXXX XXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFXXXXXXXX
            XXXXX
        XXXXX
        BB BBBBBBBBBBBBBBB
            XXXX
                XXX XXXXXXXXXXXX gettext(u'Medelvärde') XXXXX
                BBB BBBBBBB BB BBBBBBBBBBBBB
                    BB BBBBBBB
                        XXX XXXXXXXXXXXXXXXXFFFFFFFFFFFXXXXX
                    BBBB
                        XXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'för få svar') XXXXX
                    BBBBB
                BBBBBB
                XXX XXXXXXXXXXXXXXXXFFFFFFFFFFFXXXXX
            XXXXX
        BBBBB
    XXXXXXXX
XXXXXXXX
