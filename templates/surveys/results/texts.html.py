BBBB BBBB
XXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX
    XXXX
        BB BBBBBBBBBBBBB BB BBBBBB
             gettext(u'Fritextsvar') 
        BBBB
             gettext(u'Svar under ”%(label)s”') 
                SSSS SSSSS SSSSSSSSSSS
            
        BBBBB
    XXXXX
    XXX XXXXXXXXXXXXXXXXXXXXX
        BBB BBBB BB BBBBB
            XXX XXXXXXXXXXXXXXXXXXBB BBBBBBBBBBB XXXXXXXXXXXXXXXXXXXBBBBBX
                XXXXXXXXXXX
                XX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                BB BBB BBBBBB
                    BB BBBBBBBBBBB
                        XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX
                            XXXXXXXX gettext(u'Dolt:') XXXXXXXXX 
                        XXXX
                        XXXXX XXXXXXXXXXXXX
                              XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBX
                              XXXXXXXXXXXXXXXXXXXXXXXXXX
                            BBBBBBBBBB
                            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXX
                            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Visa svaret igen') XXXXXXXXX
                        XXXXXXX
                    BBBB
                        XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
                                 BB BBBBBBBBBB BBB BBBBBBBBBBBB BB BBBBBBBXXXXBBBBBX
                            XXXXXXXXX gettext(u'Dölj svaret') XXXXXXXXXX
                            XXXXX XXXXXXXXXXXXX
                                  XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBX
                                  XXXXXXXXXXXXXXXXXXXXXXXXXX
                                BBBBBBBBBB
                                XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXX
                                BB BBBBBBBBBBXXXXXX XXXXXXXXXXXXX XXXXXXXXX XXXXXXXXXBBBBB
                                XXXX XXXXXXXXXXXXBB BBBBBBBBBB BBB BBBBBBBBBBBB BB BBBBBBB XXXXXXXXXXXXBBBBBXX
                                    XXXXXX XXXXXXXXXXXX gettext(u'Varför döljs svaret?') XXXXXXXX
                                    BB BBBBBBBBBB BBB BBBBBBBBBBBB BB BBBBBBB
                                        XX XXXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
                                    BBBBB
                                    XXXXXX XXXXXXXXXXX
                                           XXXXXXXXXXXXX
                                           XXXXXXXXXX
                                           XXXXXXXXXXXXXXX
                                           XXXXXXXX
                                           BB BBBBBBBBBB BBB BBBBBBBBBBBB BB BBBBBBBXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXBBBBBX
                                XXXXXX
                                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Dölj') XXXXXXXXX
                            XXXXXXX
                        XXXXXXXXXX
                    BBBBB
                BBBBB
            XXXXX
        BBBBBB
    XXXXX
XXXXXX
